package io.cdclake.loader.changes;

import static io.cdclake.loader.Queries.count;
import static io.cdclake.loader.Queries.difference;
import static io.cdclake.loader.Queries.execute;
import static io.cdclake.loader.Queries.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cdclake.loader.WithPostgres;
import io.cdclake.loader.csv.CsvSource;
import io.cdclake.loader.generate.TitanicGenerator;
import io.cdclake.loader.generate.TitanicSchema;
import io.cdclake.loader.load.CsvLoader;
import io.cdclake.loader.load.GeneratedLoader;
import io.cdclake.loader.load.LoadOptions;
import io.cdclake.loader.load.Progress;
import io.cdclake.postgres.PgTable;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ChangeGeneratorITCase extends WithPostgres {

    private static final int ROWS = 1000;

    /** The audit trigger's table, which counts what the generator really did. */
    @BeforeAll
    static void createAudit() throws Exception {
        execute(connection, "CREATE TABLE audit (tab text, op text)");
        execute(
                connection,
                "CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO"
                        + " audit VALUES (TG_TABLE_NAME, TG_OP); RETURN NULL; END $$");
    }

    /**
     * A generated titanic table whose every row change is written to {@code audit} by a trigger.
     */
    private static void audited(String table) throws Exception {
        GeneratedLoader.load(
                connection,
                new TitanicGenerator(1),
                ROWS,
                LoadOptions.into(PgTable.of(table))
                        .withPublication(null)
                        .withProgress(Progress.NEVER, System.err));
        execute(
                connection,
                "CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON \""
                        + table
                        + "\" FOR EACH ROW EXECUTE FUNCTION audit()");
    }

    private static long audit(String table, String op) throws Exception {
        return count(connection, "audit WHERE tab = ? AND op = ?", table, op);
    }

    private static ChangeResult change(String table, ChangeOptions options) throws Exception {
        return new ChangeGenerator(connection, PgTable.of(table), options).run();
    }

    @Test
    void theCountsItReportsAreTheChangesTheTableSaw() throws Exception {
        audited("counted");

        ChangeResult result =
                change(
                        "counted",
                        ChangeOptions.count(500, 7)
                                .withMix(OperationMix.parse("insert=50,update=40,delete=10")));

        assertThat(result.total()).isEqualTo(500);
        assertThat(audit("counted", "INSERT")).isEqualTo(result.inserts());
        assertThat(audit("counted", "UPDATE")).isEqualTo(result.updates());
        assertThat(audit("counted", "DELETE")).isEqualTo(result.deletes());
        assertThat(count(connection, "counted"))
                .isEqualTo(ROWS + result.inserts() - result.deletes());
        assertThat(result.inserts()).isBetween(200L, 300L);
        assertThat(result.updates()).isBetween(150L, 250L);
        assertThat(result.deletes()).isBetween(25L, 80L);
        assertThat(result.transactions()).isEqualTo(50);
        assertThat(value(connection, "SELECT max(\"PassengerId\") FROM counted"))
                .isEqualTo(ROWS + (int) result.inserts());
    }

    @Test
    void sameSeedSameChangesOtherSeedOtherChanges() throws Exception {
        audited("twin_a");
        audited("twin_b");
        audited("twin_c");
        ChangeOptions options = ChangeOptions.count(300, 11);

        ChangeResult a = change("twin_a", options);
        ChangeResult b = change("twin_b", options);
        change("twin_c", ChangeOptions.count(300, 12));

        assertThat(List.of(b.inserts(), b.updates(), b.deletes()))
                .isEqualTo(List.of(a.inserts(), a.updates(), a.deletes()));
        assertThat(difference(connection, "twin_a", "twin_b")).isZero();
        assertThat(difference(connection, "twin_a", "twin_c")).isPositive();
    }

    @Test
    void theMixDecidesWhichOperationsHappen() throws Exception {
        audited("deletes_only");
        audited("no_deletes");

        ChangeResult deletes =
                change(
                        "deletes_only",
                        ChangeOptions.count(100, 3).withMix(OperationMix.parse("delete=1")));
        ChangeResult noDeletes =
                change(
                        "no_deletes",
                        ChangeOptions.count(100, 3)
                                .withMix(OperationMix.parse("insert=1,update=3")));

        assertThat(deletes.deletes()).isEqualTo(100);
        assertThat(count(connection, "deletes_only")).isEqualTo(ROWS - 100);
        assertThat(noDeletes.deletes()).isZero();
        assertThat(audit("no_deletes", "DELETE")).isZero();
        assertThat(noDeletes.inserts() + noDeletes.updates()).isEqualTo(100);
    }

    @Test
    void aRateSpreadsOperationsOverTime() throws Exception {
        audited("paced");

        ChangeResult counted = change("paced", ChangeOptions.count(20, 5).withRate(100, null));
        ChangeResult timed =
                change(
                        "paced",
                        new ChangeOptions(
                                OperationMix.DEFAULT, 6, -1, Duration.ofMillis(400), 25, 10));

        assertThat(counted.total()).isEqualTo(20);
        assertThat(counted.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(190));
        assertThat(counted.transactions()).isGreaterThan(2);
        assertThat(timed.total()).isBetween(1L, 10L);
        assertThat(audit("paced", "INSERT") + audit("paced", "UPDATE") + audit("paced", "DELETE"))
                .isEqualTo(counted.total() + timed.total());
    }

    @Test
    void worksOnAnyTableWithAnIntegerKey() throws Exception {
        execute(
                connection,
                "CREATE TABLE orders (id bigint PRIMARY KEY, customer text NOT NULL, amount"
                        + " numeric(10,2), placed date, shipped boolean, at timestamp, score double"
                        + " precision, qty smallint)");
        execute(
                connection,
                "INSERT INTO orders (id, customer) SELECT g, 'c' || g FROM generate_series(1, 50)"
                        + " g");
        execute(
                connection,
                "CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON orders FOR EACH ROW"
                        + " EXECUTE FUNCTION audit()");

        ChangeResult result = change("orders", ChangeOptions.count(200, 1));

        assertThat(result.total()).isEqualTo(200);
        assertThat(audit("orders", "UPDATE")).isEqualTo(result.updates());
        assertThat(count(connection, "orders")).isEqualTo(50 + result.inserts() - result.deletes());
        assertThat(
                        count(
                                connection,
                                "orders WHERE id > 50 AND (amount IS NULL OR placed IS NULL OR"
                                        + " customer NOT LIKE 'value-%')"))
                .isZero();
    }

    @Test
    void refusesTablesItCannotChangeSafely() throws Exception {
        execute(connection, "CREATE TABLE keyless (a int)");
        execute(connection, "CREATE TABLE text_key (k text PRIMARY KEY, v int)");

        assertThatThrownBy(() -> change("keyless", ChangeOptions.count(1, 1)))
                .hasMessageContaining("single-column primary key");
        assertThatThrownBy(() -> change("text_key", ChangeOptions.count(1, 1)))
                .hasMessageContaining("integer primary key");
        assertThatThrownBy(() -> change("missing", ChangeOptions.count(1, 1)))
                .hasMessageContaining("does not exist");
    }

    @Test
    void theTutorialExampleRenamesPassengerTwoAndDeletesPassengerThree() throws Exception {
        CsvLoader.load(
                connection,
                CsvSource.classpath(TitanicSchema.SAMPLE_RESOURCE),
                LoadOptions.into(PgTable.of("customers"))
                        .withPrimaryKey(List.of("PassengerId"))
                        .withProgress(Progress.NEVER, System.err));

        TutorialExample.Result first = TutorialExample.applyTutorialExample(connection);

        assertThat(first).isEqualTo(new TutorialExample.Result(1, 1));
        assertThat(value(connection, "SELECT \"Name\" FROM customers WHERE \"PassengerId\" = 2"))
                .isEqualTo("Cris");
        assertThat(count(connection, "customers WHERE \"PassengerId\" = 3")).isZero();
        assertThat(count(connection, "customers")).isEqualTo(890);
        assertThat(TutorialExample.applyTutorialExample(connection))
                .isEqualTo(new TutorialExample.Result(1, 0));
        assertThat(connection.getAutoCommit()).isTrue();
    }
}
