package io.cdclake.reader.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.cdclake.format.LakePaths;
import io.cdclake.format.TableId;
import io.cdclake.format.TableMetadata;
import io.cdclake.reader.LakeStore;
import io.cdclake.reader.query.LakeCatalog;
import io.cdclake.reader.query.LakeQuery;
import io.cdclake.reader.query.LakeTable;
import io.cdclake.reader.replay.AsOf;
import io.cdclake.reader.replay.DuckDbReplay;
import io.cdclake.reader.verify.CompactionChecks;
import io.cdclake.reader.verify.LakeVerifier;
import io.cdclake.reader.verify.VerifyReport;
import io.cdclake.stack.PostgresService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a current-state query costs before and after {@code compact}, measured, not a test of
 * correctness and not part of the test run: a table of 100,000 rows whose history grows from one to
 * ten million changes (the initial reads, then updates, 100,000 changes per part file as the job
 * commits them), in a lake in a local folder (what a query reads once an S3 lake's files are in its
 * cache), its catalog in a real PostgreSQL. For each size: the query on every part file, the
 * compaction (with its checks) and its time, the query on the state alone and on the state plus one
 * new part file, the compaction of that file, and {@code verify} against the database's rows, from
 * every part file and from the state plus one more new part file. Reproduce with {@code ./mvnw -pl
 * lake-reader -am test -Dtest=StateQueryBenchmark -Dsurefire.failIfNoSpecifiedTests=false}; {@code
 * -Dbench.histories=1000000,10000000} sets the sizes.
 */
class StateQueryBenchmark {

    private static final TableId ITEMS = new TableId("postgres", "public", "items");
    private static final int ROWS = 100_000;
    private static final int PER_FILE = 100_000;
    private static final String STATEMENT = "SELECT count(*), sum(qty) FROM public.items";

    @TempDir Path dir;

    @Test
    void measure() throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add(
                "| changes in history | part files | query, every part file | first compact |"
                        + " query, state | query, state + 1 new part file | compact of that part"
                        + " file | verify, every part file | verify, state + 1 new part file |");
        lines.add("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        try (PostgresService postgres =
                PostgresService.start(Files.createTempDirectory("cdc-lake-bench-pg"), 0)) {
            for (String size :
                    System.getProperty("bench.histories", "1000000,10000000").split(",")) {
                lines.add(measure(postgres, Long.parseLong(size.trim())));
                System.out.println(lines.get(lines.size() - 1));
            }
        }
        System.out.println(String.join("\n", lines));
    }

    private String measure(PostgresService postgres, long history) throws Exception {
        Path lake = dir.resolve("lake-" + history);
        String root = lake.toUri().toString().replaceAll("/+$", "");
        Path folder =
                Path.of(
                        java.net.URI.create(
                                LakePaths.tableRoot(root, LakePaths.Format.PARQUET, ITEMS)
                                        + "/dt=2026-12-07"));
        Files.createDirectories(folder);
        int files = 0;
        try (Connection duckDb = DuckDbReplay.open()) {
            for (long start = 0; start < history; start += PER_FILE) {
                write(
                        duckDb,
                        folder.resolve("part-bench-" + files++ + ".parquet"),
                        start,
                        PER_FILE);
            }
        }
        try (LakeStore store = LakeStore.open(root, null, dir.resolve("cache"));
                StateCatalog catalog =
                        StateCatalog.open(
                                postgres.jdbcUrl(),
                                postgres.user(),
                                postgres.password(),
                                root,
                                null,
                                true)) {
            Timed full = query(store, root, null);
            LakeTable table =
                    LakeCatalog.find(LakeCatalog.tables(store, root), ITEMS).orElseThrow();
            long started = System.nanoTime();
            StateCompactor.Result compacted =
                    compactor(catalog, store, history).compact(root, table);
            double compactSeconds = (System.nanoTime() - started) / 1e9;
            assertThat(compacted.rows()).isEqualTo(ROWS);
            Timed state = query(store, root, catalog);
            try (Connection duckDb = DuckDbReplay.open()) {
                write(duckDb, folder.resolve("part-bench-" + files + ".parquet"), history, 10_000);
            }
            Timed stateAndNew = query(store, root, catalog);
            Timed fullAgain = query(store, root, null);
            assertThat(state.answer).isEqualTo(full.answer);
            assertThat(stateAndNew.answer).isEqualTo(fullAgain.answer);
            table = LakeCatalog.find(LakeCatalog.tables(store, root), ITEMS).orElseThrow();
            long again = System.nanoTime();
            StateCompactor.Result next = compactor(catalog, store, history).compact(root, table);
            double againSeconds = (System.nanoTime() - again) / 1e9;
            assertThat(next.partsRead()).isEqualTo(1);

            // verify against the database's rows: every part file, then from the state plus one
            // more new part file.
            try (Connection connection = postgres.connect()) {
                loadDatabase(connection, history + 20_000);
                try (Connection duckDb = DuckDbReplay.open()) {
                    write(
                            duckDb,
                            folder.resolve("part-bench-" + (files + 1) + ".parquet"),
                            history + 10_000,
                            10_000);
                }
                String fullVerify = "not run";
                if (history <= FULL_VERIFY_MAX) {
                    fullVerify =
                            String.format(
                                    Locale.ROOT, "%.2f s", verify(store, root, connection, null));
                }
                double stateVerify = verify(store, root, connection, catalog);
                return String.format(
                        Locale.ROOT,
                        "| %,d | %d | %.2f s | %.2f s | %.2f s | %.2f s | %.2f s | %s | %.2f s |",
                        history,
                        files,
                        full.seconds,
                        compactSeconds,
                        state.seconds,
                        stateAndNew.seconds,
                        againSeconds,
                        fullVerify,
                        stateVerify);
            }
        }
    }

    /**
     * The full verification holds every change row in memory (about 1.2 KB each): beyond this it
     * does not fit the test JVM's heap.
     */
    private static final long FULL_VERIFY_MAX = 3_000_000;

    private StateCompactor compactor(StateCatalog catalog, LakeStore store, long history) {
        return new StateCompactor(catalog, store, dir.resolve("work-" + history))
                .checker(new CompactionChecks(store, ',', false));
    }

    /** {@code public.items} in the database as the first {@code changes} changes leave it. */
    private static void loadDatabase(Connection connection, long changes) throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS public.items");
            statement.execute(
                    "CREATE TABLE public.items (id bigint PRIMARY KEY, name text, price"
                            + " numeric(10,2), qty int)");
            // Row id last took change i: the largest i below changes with i % ROWS = id.
            statement.execute(
                    "INSERT INTO public.items SELECT id, 'name ' || i, ((i % 1000) /"
                            + " 10.0)::numeric(10,2), (i % 50)::int FROM (SELECT id, "
                            + changes
                            + " - 1 - (("
                            + changes
                            + " - 1 - id) % "
                            + ROWS
                            + ") AS i FROM generate_series(0, "
                            + (ROWS - 1)
                            + ") id) t");
        }
    }

    /** Seconds of one verification, which must match; from the states when a catalog is given. */
    private double verify(LakeStore store, String root, Connection connection, StateCatalog catalog)
            throws Exception {
        long started = System.nanoTime();
        LakeVerifier verifier = new LakeVerifier(root).store(store).checkCsv(false);
        if (catalog != null) {
            verifier.states(
                    (table, point) -> CurrentState.load(catalog, table, dir.resolve("states")));
        }
        VerifyReport report = verifier.verify(connection, ITEMS);
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(report.matches()).as(report.render()).isTrue();
        assertThat(report.covered() != null).isEqualTo(catalog != null);
        return seconds;
    }

    private record Timed(double seconds, String answer) {}

    /** The statement through {@link LakeQuery}, from its opening to its answer. */
    private Timed query(LakeStore store, String root, StateCatalog catalog) throws Exception {
        long started = System.nanoTime();
        try (LakeQuery query =
                        LakeQuery.open(
                                store,
                                root,
                                AsOf.none(),
                                (table, point) ->
                                        catalog == null
                                                ? Optional.empty()
                                                : CurrentState.load(
                                                        catalog, table, dir.resolve("states")),
                                STATEMENT);
                Statement statement = query.connection().createStatement();
                ResultSet result = statement.executeQuery(STATEMENT)) {
            result.next();
            String answer = result.getLong(1) + " " + result.getString(2);
            return new Timed((System.nanoTime() - started) / 1e9, answer);
        }
    }

    /**
     * Changes {@code start} to {@code start + count} of the history: the first {@link #ROWS} read
     * the table, every later one updates row {@code change % ROWS}, at LSN {@code 1000 + change}
     * and offset {@code change} of partition 0.
     */
    private static void write(Connection duckDb, Path file, long start, long count)
            throws Exception {
        String metadata =
                new TableMetadata("bench", List.of("id"), Map.of()).toJson().replace("'", "''");
        try (Statement statement = duckDb.createStatement()) {
            statement.execute(
                    "COPY (SELECT CAST(i % "
                            + ROWS
                            + " AS BIGINT) AS id, 'name ' || i AS name,"
                            + " CAST((i % 1000) / 10.0 AS DECIMAL(10,2)) AS price,"
                            + " CAST(i % 50 AS INTEGER) AS qty,"
                            + " CASE WHEN i < "
                            + ROWS
                            + " THEN 'r' ELSE 'u' END AS _op, 'after' AS _image, CAST(1795000000000"
                            + " + i AS BIGINT) AS _source_ts_ms, CAST(1795000000100 + i AS BIGINT)"
                            + " AS _ts_ms, CAST(1000 + i AS BIGINT) AS _lsn, CAST(i AS BIGINT) AS"
                            + " _tx_id, 'postgres.public.items' AS _topic, CAST(0 AS INTEGER) AS"
                            + " _partition, CAST(i AS BIGINT) AS _offset, CAST(NULL AS VARCHAR) AS"
                            + " _unavailable_columns, 'postgres' AS _source_name, 'postgres' AS"
                            + " _source_db FROM range("
                            + start
                            + ", "
                            + (start + count)
                            + ") t(i)) TO '"
                            + file
                            + "' (FORMAT PARQUET, KV_METADATA {'"
                            + TableMetadata.KEY
                            + "': '"
                            + metadata
                            + "'})");
        }
    }
}
