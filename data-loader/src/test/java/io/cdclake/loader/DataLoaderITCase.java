package io.cdclake.loader;

import static io.cdclake.loader.Queries.count;
import static io.cdclake.loader.Queries.execute;
import static io.cdclake.loader.Queries.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.cdclake.loader.changes.ChangeOptions;
import io.cdclake.loader.changes.ChangeResult;
import io.cdclake.loader.changes.OperationMix;
import io.cdclake.loader.changes.TutorialExample;
import io.cdclake.loader.load.LoadOptions;
import io.cdclake.loader.load.LoadResult;
import io.cdclake.loader.load.LoadSource;
import io.cdclake.postgres.PgCatalog;
import io.cdclake.postgres.PgTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader's API against a real server: each call on a connection of its own. */
class DataLoaderITCase extends WithPostgres {

    private static DataLoader loader() {
        return EmbeddedLoader.of(postgres);
    }

    @Test
    void theSampleGetsPassengerIdAsKeyUnlessTheOptionsNameOne() throws Exception {
        LoadResult keyed =
                loader().load(LoadSource.sample(), LoadOptions.into(PgTable.of("sample_keyed")));
        LoadResult own =
                loader().load(
                                LoadSource.sample(),
                                LoadOptions.into(PgTable.of("sample_own"))
                                        .withPrimaryKey(List.of("Name")));

        assertThat(keyed.rowsLoaded()).isEqualTo(891);
        assertThat(keyed.tableCreated()).isTrue();
        assertThat(PgCatalog.primaryKey(connection, PgTable.of("sample_keyed")))
                .containsExactly("PassengerId");
        assertThat(own.rowsLoaded()).isEqualTo(891);
        assertThat(PgCatalog.primaryKey(connection, PgTable.of("sample_own")))
                .containsExactly("Name");
    }

    @Test
    void aCsvFileAndGeneratedRowsLoadToo(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("people.csv");
        Files.writeString(csv, "id,name\n1,Ann\n2,Bob\n");

        LoadResult fromFile =
                loader().load(
                                LoadSource.csv(csv),
                                LoadOptions.into(PgTable.of("people"))
                                        .withPrimaryKey(List.of("id")));
        LoadResult generated =
                loader().load(
                                LoadSource.generated(40, 8),
                                LoadOptions.into(PgTable.of("generated_api")));

        assertThat(fromFile.rowsLoaded()).isEqualTo(2);
        assertThat(count(connection, "people")).isEqualTo(2);
        assertThat(generated.rowsLoaded()).isEqualTo(40);
        assertThat(count(connection, "generated_api")).isEqualTo(40);
    }

    @Test
    void theExampleAndChangesRunOnTheLoadedTable() throws Exception {
        PgTable table = PgTable.of("example_api");
        loader().load(LoadSource.generated(30, 4), LoadOptions.into(table));

        TutorialExample.Result example = loader().applyTutorialExample(table);
        ChangeResult changes =
                loader().changes(
                                table,
                                ChangeOptions.count(12, 3).withMix(OperationMix.parse("insert=1")))
                        .run();

        assertThat(example)
                .hasToString(
                        "updated 1 row (PassengerId 2, Name = 'Cris'), deleted 1 row (PassengerId"
                                + " 3)");
        assertThat(example.missedARow()).isFalse();
        assertThat(loader().applyTutorialExample(table).missedARow()).isTrue();
        assertThat(value(connection, "SELECT \"Name\" FROM example_api WHERE \"PassengerId\" = 2"))
                .isEqualTo("Cris");
        assertThat(changes.inserts()).isEqualTo(12);
        assertThat(count(connection, "example_api")).isEqualTo(30 - 1 + 12);
    }

    @Test
    void aStoppedRunCommitsWhatItDidAndReturns() throws Exception {
        PgTable table = PgTable.of("stopped_api");
        loader().load(LoadSource.generated(10, 5), LoadOptions.into(table));
        ChangeRun run =
                loader().changes(
                                table,
                                new ChangeOptions(
                                        OperationMix.DEFAULT, 1, -1, Duration.ofHours(1), 50, 10));

        CompletableFuture<ChangeResult> result = run.runInBackground();
        Thread.sleep(500);
        run.stop();

        assertThat(result.get().total()).isPositive().isLessThan(1_000);
    }

    @Test
    void aNameThatFoldsAwayFromAnExistingTableIsPointedOut() throws Exception {
        execute(connection, "CREATE TABLE \"Orders\" (id int)");

        assertThat(loader().tableMeantInstead("Orders")).contains(PgTable.parseAsTyped("Orders"));
        assertThat(loader().tableMeantInstead("orders")).isEmpty();
        assertThat(loader().tableMeantInstead("\"Orders\"")).isEmpty();
        assertThat(loader().tableMeantInstead("Customers_Nowhere")).isEmpty();
    }
}
