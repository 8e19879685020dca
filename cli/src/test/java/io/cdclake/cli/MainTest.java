package io.cdclake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cdclake.commandline.ExitCodes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./cdc-lake} itself: the command tree, generated help, usage errors and exit codes, with no
 * service running.
 */
class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return Main.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of());
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsEveryCommandWithWhatItDoes() {
        assertThat(run("--help")).isEqualTo(ExitCodes.OK);
        assertThat(out())
                .contains("Usage: cdc-lake [-hV] COMMAND")
                .contains(
                        "demo ",
                        "load ",
                        "changes ",
                        "example ",
                        "generate ",
                        "register ",
                        "verify ",
                        "status ",
                        "options ")
                .contains("Registers the Debezium connector")
                .contains("Exit codes: 0 done");
    }

    @Test
    void noCommandOrAnUnknownOneIsAUsageError() {
        assertThat(run()).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("give a command").contains("Usage: cdc-lake");
        assertThat(run("unload")).isEqualTo(ExitCodes.USAGE);
        assertThat(err())
                .contains("'unload'")
                .contains("Did you mean: cdc-lake load?")
                .contains("Usage: cdc-lake");
        // With --help too: a script must be able to tell that the command does not exist.
        assertThat(run("unload", "--help")).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("'unload'").contains("Did you mean: cdc-lake load?");
        assertThat(out()).isEmpty();
    }

    @Test
    void argumentsMayComeFromAnAtFile(@TempDir Path dir) throws IOException {
        Path args = dir.resolve("args.txt");
        Files.writeString(args, "options\n");
        assertThat(run("@" + args)).as(err()).isEqualTo(ExitCodes.OK);
        assertThat(out()).contains("lake.bucket");
    }

    @Test
    void everyCommandHasGeneratedHelp() {
        for (String command :
                new String[] {
                    "demo",
                    "load",
                    "changes",
                    "example",
                    "generate",
                    "register",
                    "verify",
                    "status",
                    "options"
                }) {
            assertThat(run(command, "--help")).as(command).isEqualTo(ExitCodes.OK);
            assertThat(out())
                    .as(command)
                    .startsWith("Usage: cdc-lake " + command)
                    .contains("-h, --help");
        }
        assertThat(run("register", "--help")).isZero();
        assertThat(out())
                .contains("--timeout=DURATION")
                .contains("(default: 2m)")
                .contains("--set=KEY=VALUE");
        assertThat(run("help", "status")).isZero();
        assertThat(out()).contains("Usage: cdc-lake status").contains("$CDC_LAKE_FLINK_URL");
    }

    @Test
    void versionNamesTheProjectsVersion() {
        assertThat(run("--version")).isZero();
        assertThat(out().strip()).matches("cdc-lake \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    @Test
    void aDurationWithoutAUnitNamesTheOptionAndTheSyntaxInEveryCommand() {
        assertThat(run("demo", "--duration", "90")).isEqualTo(ExitCodes.USAGE);
        assertThat(err())
                .contains(
                        "Invalid value for option '--duration': '90' is not a duration; give a"
                                + " whole number and a unit")
                .contains("Usage: cdc-lake demo");
        assertThat(run("demo", "--checkpoint-interval", "5 s")).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("'--checkpoint-interval'");
        assertThat(
                        run(
                                "changes",
                                "--jdbc-url",
                                "jdbc:postgresql://localhost:1/x",
                                "--duration",
                                "90"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err())
                .contains("Invalid value for option '--duration': '90'")
                .contains("Usage: cdc-lake changes");
        assertThat(run("register", "--timeout", "120")).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("Invalid value for option '--timeout': '120'");
    }

    @Test
    void aMissingRequiredOptionIsNamed() {
        assertThat(run("generate")).isEqualTo(ExitCodes.USAGE);
        assertThat(err())
                .contains("Missing required option: '--rows=N'")
                .contains("Usage: cdc-lake generate");
        assertThat(run("load", "--sample")).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("Missing required option: '--jdbc-url=URL'");
    }

    @Test
    void optionsPrintsTheJobsOptionsTable() {
        assertThat(run("options")).isZero();
        assertThat(out())
                .startsWith("| option | default | description |")
                .contains("| `kafka.bootstrap-servers` |");
    }

    @Test
    void statusWithNothingListeningIsAFailureNotAUsageError() {
        assertThat(
                        run(
                                "status",
                                "--connect-url",
                                "http://127.0.0.1:1",
                                "--flink-url",
                                "http://127.0.0.1:1"))
                .isEqualTo(ExitCodes.FAILURE);
    }
}
