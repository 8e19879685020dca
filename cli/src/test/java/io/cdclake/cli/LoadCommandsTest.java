package io.cdclake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cdclake.commandline.ExitCodes;
import io.cdclake.loader.generate.TitanicGenerator;
import io.cdclake.loader.generate.TitanicSchema;
import io.cdclake.loader.load.LoadOptions;
import io.cdclake.postgres.PgTable;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data loader's commands ({@code load}, {@code changes}, {@code example}, {@code generate}):
 * command lines that must be refused before any database is contacted.
 */
class LoadCommandsTest {

    private static final String URL = "jdbc:postgresql://localhost:1/none";

    private static CommandRun run(String... args) {
        return CommandRun.of(Map.of(), args);
    }

    @Test
    void helpListsEveryCommandAndEachCommandsOptions() {
        CommandRun help = run("--help");
        assertThat(help.code()).isEqualTo(ExitCodes.OK);
        assertThat(help.out()).contains("load", "changes", "example", "generate");
        CommandRun none = run();
        assertThat(none.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(none.err()).contains("give a command").contains("Usage: cdc-lake");
        CommandRun loadHelp = run("load", "--help");
        assertThat(loadHelp.code()).isEqualTo(ExitCodes.OK);
        assertThat(loadHelp.out())
                .contains("Usage: cdc-lake load")
                .contains("PGPASSWORD")
                .contains("--skip-bad-rows")
                .contains("skip rows that do not fit the table")
                .contains("--jdbc-url=URL")
                .doesNotContain("--mix");
    }

    @Test
    void usageErrorsExitWithTwoAndSayWhatIsWrong() {
        assertCodeAndMessage(run("unload"), "Unmatched argument at index 0: 'unload'");
        assertCodeAndMessage(
                run("load", "--jdbc-url", URL, "--user", "u"),
                "exactly one of --csv FILE, --sample or --generate N");
        assertCodeAndMessage(
                run("load", "--jdbc-url", URL, "--user", "u", "--sample", "--generate", "5"),
                "exactly one of");
        assertCodeAndMessage(
                run("load", "--jdbc-url", URL, "--user", "u", "--sample", "--seed", "5"),
                "--seed only applies to --generate");
        assertCodeAndMessage(
                run("load", "--jdbc-url", URL, "--user", "u", "--sample", "--password", "x"),
                "--password-env");
        assertThat(
                        run(
                                        "load",
                                        "--jdbc-url",
                                        URL,
                                        "--user",
                                        "u",
                                        "--sample",
                                        "--password=s3cret")
                                .err())
                .doesNotContain("s3cret");
        assertCodeAndMessage(
                run("load", "--jdbc-url", URL, "--user", "u", "--csv", "no-such-file.csv"),
                "no such readable file");
        assertCodeAndMessage(
                run("load", "--jdbc-url", URL, "--user", "u", "--sample", "--type", "Age"),
                "COLUMN=TYPE");
        assertCodeAndMessage(
                run("load", "--jdbc-url", URL, "--user", "u", "--generate", "0"),
                "--generate must be positive");
        assertCodeAndMessage(
                run("load", "--jdbc-url", URL, "--user", "u", "--generate", "many"),
                "Invalid value for option '--generate': 'many'");
        assertCodeAndMessage(
                run("load", "--user", "u", "--sample"),
                "Missing required option: '--jdbc-url=URL'");
        assertCodeAndMessage(
                run(
                        "load",
                        "--jdbc-url",
                        URL,
                        "--user",
                        "u",
                        "--sample",
                        "--password-env",
                        "UNSET_VAR"),
                "UNSET_VAR");
        assertCodeAndMessage(
                run("changes", "--jdbc-url", URL, "--user", "u", "--rate", "10"),
                "--count N or --duration D with --rate");
        assertCodeAndMessage(
                run("changes", "--jdbc-url", URL, "--user", "u", "--count", "5", "--rate", "-1"),
                "--rate must be a positive");
        assertCodeAndMessage(
                run(
                        "changes",
                        "--jdbc-url",
                        URL,
                        "--user",
                        "u",
                        "--count",
                        "5",
                        "--mix",
                        "insert=x"),
                "--mix");
        assertCodeAndMessage(
                run("example", "--jdbc-url", URL, "--user", "u", "--count", "3"),
                "Unknown options: '--count', '3'");
    }

    @Test
    void aDurationNeedsAUnitAndTheErrorNamesTheOption() {
        for (String bad : new String[] {"90", "soon", "1.5m"}) {
            CommandRun outcome =
                    run("changes", "--jdbc-url", URL, "--user", "u", "--duration", bad);
            assertCodeAndMessage(
                    outcome,
                    "Invalid value for option '--duration': '" + bad + "' is not a duration");
            assertThat(outcome.err()).contains("90s").contains("Usage: cdc-lake changes");
        }
    }

    @Test
    void anUnreachableDatabaseIsAFailureNotAUsageError() {
        CommandRun outcome = run("example", "--jdbc-url", URL, "--user", "u");
        assertThat(outcome.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(outcome.err()).startsWith("example failed:");
    }

    @Test
    void generateWritesTheSameCsvAsTheGeneratorToStdoutOrAFile(@TempDir Path dir) throws Exception {
        StringWriter expected = new StringWriter();
        new TitanicGenerator(7).writeCsv(expected, 1, 25, true);

        CommandRun toStdout = run("generate", "--rows", "25", "--seed", "7");
        Path file = dir.resolve("passengers.csv");
        CommandRun toFile =
                run("generate", "--rows", "25", "--seed", "7", "--output", file.toString());

        assertThat(toStdout.code()).isZero();
        assertThat(toStdout.out()).isEqualTo(expected.toString());
        assertThat(toStdout.out().lines())
                .hasSize(26)
                .first()
                .isEqualTo(String.join(",", TitanicSchema.COLUMN_NAMES));
        assertThat(toFile.code()).isZero();
        assertThat(Files.readString(file)).isEqualTo(expected.toString());
        assertCodeAndMessage(run("generate"), "Missing required option: '--rows=N'");
        assertCodeAndMessage(run("generate", "--rows", "0"), "--rows must be positive");
    }

    @Test
    void loadsGoToTheCdcLakePublicationUnlessToldOtherwise() {
        assertThat(LoadOptions.into(PgTable.of("t")).publication()).isEqualTo("cdc_lake");
        assertThat(LoadOptions.into(PgTable.of("t")).inferenceSampleRows()).isEqualTo(10_000);
    }

    private static void assertCodeAndMessage(CommandRun outcome, String message) {
        assertThat(outcome.code()).as(outcome.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(outcome.err()).contains(message);
    }
}
