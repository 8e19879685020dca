package io.cdclake.loader.bench;

import io.cdclake.loader.ConnectionSettings;
import io.cdclake.loader.csv.CsvSource;
import io.cdclake.loader.generate.TitanicGenerator;
import io.cdclake.loader.generate.TitanicSchema;
import io.cdclake.loader.load.CsvLoader;
import io.cdclake.loader.load.GeneratedLoader;
import io.cdclake.loader.load.LoadOptions;
import io.cdclake.loader.load.Progress;
import io.cdclake.loader.schema.TableSetup;
import io.cdclake.postgres.PgTable;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/**
 * Loads the same generated passengers once with COPY and once with batched INSERTs, each into a
 * fresh table, and prints one JSON line per measurement plus one comparing the two; then once more
 * from a CSV file through {@code load}, to show what reading CSV adds to COPY. Run through {@link
 * LoaderBenchmarkTest}.
 */
final class LoaderBenchmark {

    static final int DEFAULT_ROWS = 1_000_000;
    static final int INSERT_BATCH = 1000;
    static final PgTable COPY_TABLE = PgTable.of("bench_copy");
    static final PgTable INSERT_TABLE = PgTable.of("bench_insert");
    static final PgTable CSV_FILE_TABLE = PgTable.of("bench_csv_file");

    private LoaderBenchmark() {}

    /**
     * Runs all measurements and prints them to {@code out}; returns generate, copy, insert and copy
     * from a CSV file.
     */
    static List<Measurement> run(ConnectionSettings db, int rows, long seed, PrintStream out)
            throws Exception {
        TitanicGenerator generator = new TitanicGenerator(seed);
        Measurement generate = timeGeneration(generator, rows);
        out.println(generate.toJson());
        Measurement copy;
        Measurement insert;
        try (Connection connection = db.connect()) {
            recreate(connection, COPY_TABLE, false);
            copy = timeCopy(connection, generator, rows);
            out.println(copy.toJson());
        }
        Properties noRewrite = new Properties();
        noRewrite.setProperty("reWriteBatchedInserts", "false");
        try (Connection connection = db.connect(noRewrite)) {
            recreate(connection, INSERT_TABLE, true);
            insert = timeInsert(connection, generator, rows);
            out.println(insert.toJson());
        }
        out.println(Measurement.ratioJson(copy, insert));
        Measurement csvFile;
        try (Connection connection = db.connect()) {
            recreate(connection, CSV_FILE_TABLE, false);
            csvFile = timeCsvFile(connection, generator, rows);
            out.println(csvFile.toJson());
        }
        return List.of(generate, copy, insert, csvFile);
    }

    /** Generation alone, so its share of both loads is known. */
    private static Measurement timeGeneration(TitanicGenerator generator, int rows)
            throws IOException {
        long started = System.nanoTime();
        generator.writeCsv(Writer.nullWriter(), 1, rows, true);
        return new Measurement("generate-csv", rows, (System.nanoTime() - started) / 1e9);
    }

    private static Measurement timeCopy(Connection connection, TitanicGenerator generator, int rows)
            throws Exception {
        LoadOptions options =
                LoadOptions.into(COPY_TABLE)
                        .withPublication(null)
                        .withProgress(Progress.NEVER, System.err);
        long started = System.nanoTime();
        long loaded = GeneratedLoader.load(connection, generator, rows, options).rowsLoaded();
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Measurement("copy", verify(connection, COPY_TABLE, loaded, rows), seconds);
    }

    /**
     * The file is written first, untimed; the load reads it twice (type inference, then COPY), as
     * {@code load} does.
     */
    private static Measurement timeCsvFile(
            Connection connection, TitanicGenerator generator, int rows) throws Exception {
        Path file = Files.createTempFile("loader-benchmark", ".csv");
        try {
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                generator.writeCsv(writer, 1, rows, true);
            }
            LoadOptions options =
                    LoadOptions.into(CSV_FILE_TABLE)
                            .withPublication(null)
                            .withProgress(Progress.NEVER, System.err);
            long started = System.nanoTime();
            long loaded = CsvLoader.load(connection, CsvSource.file(file), options).rowsLoaded();
            double seconds = (System.nanoTime() - started) / 1e9;
            return new Measurement(
                    "copy-csv-file", verify(connection, CSV_FILE_TABLE, loaded, rows), seconds);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static Measurement timeInsert(
            Connection connection, TitanicGenerator generator, int rows) throws SQLException {
        long started = System.nanoTime();
        long loaded =
                BatchedInsertLoader.load(connection, INSERT_TABLE, generator, rows, INSERT_BATCH);
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Measurement(
                "batched-insert", verify(connection, INSERT_TABLE, loaded, rows), seconds);
    }

    /** Drops the table; creates it again when the load under test does not create it itself. */
    private static void recreate(Connection connection, PgTable table, boolean create)
            throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + table.sql());
            if (create) {
                TableSetup.create(
                        connection,
                        table,
                        TitanicSchema.COLUMNS,
                        List.of(TitanicSchema.PRIMARY_KEY));
                TableSetup.replicaIdentityFull(connection, table);
            }
            // Start each load from a clean WAL; needs rights the benchmark may not have, hence best
            // effort.
            try {
                st.execute("CHECKPOINT");
            } catch (SQLException ignored) {
                // Not a superuser: measurements are still comparable, just noisier.
            }
        }
    }

    private static long verify(Connection connection, PgTable table, long reported, int expected)
            throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table.sql())) {
            rs.next();
            long count = rs.getLong(1);
            if (count != expected || reported != expected) {
                throw new IllegalStateException(
                        table
                                + " has "
                                + count
                                + " rows, the load reported "
                                + reported
                                + ", expected "
                                + expected);
            }
            return count;
        }
    }
}
