package io.cdclake.cli;

import static io.cdclake.loader.Queries.count;
import static io.cdclake.loader.Queries.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.cdclake.commandline.ExitCodes;
import io.cdclake.loader.Queries;
import io.cdclake.loader.WithPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data loader's commands end to end, against a real server. */
class LoadCommandsITCase extends WithPostgres {

    private static CommandRun cli(String command, String... options) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                command,
                                "--jdbc-url",
                                postgres.jdbcUrl(),
                                "--user",
                                postgres.user()));
        args.addAll(List.of(options));
        return CommandRun.of(
                Map.of("PGPASSWORD", postgres.password()), args.toArray(new String[0]));
    }

    @Test
    void sampleThenExampleThenChanges() throws Exception {
        CommandRun load = cli("load", "--sample", "--no-progress");
        assertThat(load.code()).as(load.err()).isZero();
        assertThat(load.out())
                .contains(
                        "loaded 891 rows into public.customers",
                        "created table public.customers (PassengerId integer,",
                        "publication cdc_lake: ");

        CommandRun example = cli("example");
        assertThat(example.code()).as(example.err()).isZero();
        assertThat(example.out()).contains("updated 1 row", "deleted 1 row");
        assertThat(value(connection, "SELECT \"Name\" FROM customers WHERE \"PassengerId\" = 2"))
                .isEqualTo("Cris");

        CommandRun changes = cli("changes", "--count", "40", "--mix", "insert=1", "--seed", "3");
        assertThat(changes.code()).as(changes.err()).isZero();
        assertThat(changes.out()).contains("insert=40 update=0 delete=0 total=40 transactions=4");
        assertThat(count(connection, "customers")).isEqualTo(890 + 40);
    }

    @Test
    void generateMakesTheAskedNumberOfRowsInTheNamedTable() throws Exception {
        CommandRun outcome =
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

        CommandRun failed =
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
        assertThat(failed.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(failed.err())
                .contains(
                        "nothing was changed",
                        "line 3, column born: '2001-02-30' is not a valid date");
        assertThat(Queries.tableExists(connection, "people")).isFalse();

        CommandRun skipped =
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

        CommandRun withFile =
                cli(
                        "load",
                        "--sample",
                        "--table",
                        "from_file",
                        "--password-file",
                        secrets.toString());
        assertThat(withFile.code()).as(withFile.err()).isZero();

        CommandRun changesOnMissingTable = cli("changes", "--table", "nope", "--count", "1");
        assertThat(changesOnMissingTable.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(changesOnMissingTable.err()).contains("table public.nope does not exist");
    }

    @Test
    void aTableNameThatFoldsAwayFromAnExistingTableIsRefused() throws Exception {
        Queries.execute(connection, "CREATE TABLE \"Orders\" (id int)");

        CommandRun refused = cli("load", "--sample", "--table", "Orders");

        assertThat(refused.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(refused.err())
                .contains(
                        "load failed, nothing was changed: --table Orders names public.orders",
                        "quote it: --table '\"public\".\"Orders\"'");
        assertThat(Queries.tableExists(connection, "orders")).isFalse();
    }
}
