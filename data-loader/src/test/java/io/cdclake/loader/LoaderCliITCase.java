package io.cdclake.loader;

import static io.cdclake.loader.Queries.count;
import static io.cdclake.loader.Queries.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end, against a real server. */
class LoaderCliITCase extends WithPostgres {

    private record Outcome(int code, String out, String err) {}

    private static Outcome cli(String command, String... options) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                command,
                                "--jdbc-url",
                                postgres.jdbcUrl(),
                                "--user",
                                postgres.user()));
        args.addAll(List.of(options));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code =
                LoaderCli.run(
                        args.toArray(new String[0]),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        Map.of("PGPASSWORD", postgres.password()));
        return new Outcome(
                code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void sampleThenExampleThenChanges() throws Exception {
        Outcome load = cli("load", "--sample", "--no-progress");
        assertThat(load.code()).as(load.err()).isZero();
        assertThat(load.out())
                .contains(
                        "loaded 891 rows into public.customers",
                        "created table public.customers (PassengerId integer,",
                        "publication cdc_lake: ");

        Outcome example = cli("example");
        assertThat(example.code()).as(example.err()).isZero();
        assertThat(example.out()).contains("updated 1 row", "deleted 1 row");
        assertThat(value(connection, "SELECT \"Name\" FROM customers WHERE \"PassengerId\" = 2"))
                .isEqualTo("Cris");

        Outcome changes = cli("changes", "--count", "40", "--mix", "insert=1", "--seed", "3");
        assertThat(changes.code()).as(changes.err()).isZero();
        assertThat(changes.out()).contains("insert=40 update=0 delete=0 total=40 transactions=4");
        assertThat(count(connection, "customers")).isEqualTo(890 + 40);
    }

    @Test
    void generateMakesTheAskedNumberOfRowsInTheNamedTable() throws Exception {
        Outcome outcome =
                cli(
                        "load",
                        "--generate",
                        "2500",
                        "--seed",
                        "8",
                        "--table",
                        "generated",
                        "--publication",
                        "gen_pub");

        assertThat(outcome.code()).as(outcome.err()).isZero();
        assertThat(count(connection, "generated")).isEqualTo(2500);
        assertThat(
                        count(
                                connection,
                                "pg_publication_tables WHERE pubname = 'gen_pub' AND tablename ="
                                        + " 'generated'"))
                .isEqualTo(1);
    }

    @Test
    void badRowsFailTheLoadOrAreSkippedWhenAsked(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("people.csv");
        Files.writeString(
                csv, "id,name,born\n1,Ann,2001-02-03\n2,Bob,2001-02-30\n3,Cy,1999-12-31\n");

        Outcome failed =
                cli(
                        "load",
                        "--csv",
                        csv.toString(),
                        "--table",
                        "people",
                        "--type",
                        "born=date",
                        "--primary-key",
                        "id");
        assertThat(failed.code()).isEqualTo(io.cdclake.commandline.ExitCodes.FAILURE);
        assertThat(failed.err())
                .contains(
                        "nothing was changed",
                        "line 3, column born: '2001-02-30' is not a valid date");
        assertThat(Queries.tableExists(connection, "people")).isFalse();

        Outcome skipped =
                cli(
                        "load",
                        "--csv",
                        csv.toString(),
                        "--table",
                        "people",
                        "--type",
                        "born=date",
                        "--skip-bad-rows");
        assertThat(skipped.code()).as(skipped.err()).isZero();
        assertThat(skipped.out())
                .contains("loaded 2 rows", "skipped 1 bad rows:", "  line 3, column born:");
        assertThat(count(connection, "people")).isEqualTo(2);
    }

    @Test
    void passwordsComeFromAFileWhenAsked(@TempDir Path dir) throws Exception {
        Path secrets = dir.resolve("db.properties");
        Files.writeString(secrets, "password=" + postgres.password() + "\n");

        Outcome withFile =
                cli(
                        "load",
                        "--sample",
                        "--table",
                        "from_file",
                        "--password-file",
                        secrets.toString());
        assertThat(withFile.code()).as(withFile.err()).isZero();

        Outcome changesOnMissingTable = cli("changes", "--table", "nope", "--count", "1");
        assertThat(changesOnMissingTable.code())
                .isEqualTo(io.cdclake.commandline.ExitCodes.FAILURE);
        assertThat(changesOnMissingTable.err()).contains("table public.nope does not exist");
    }
}
