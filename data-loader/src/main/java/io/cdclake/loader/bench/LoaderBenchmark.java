package io.cdclake.loader.bench;

import io.cdclake.commandline.CommandLines;
import io.cdclake.commandline.ExitCodes;
import io.cdclake.commandline.Terminal;
import io.cdclake.commandline.VersionProvider;
import io.cdclake.loader.ConnectionSettings;
import io.cdclake.loader.cli.ConnectionOptions;
import io.cdclake.loader.generate.TitanicGenerator;
import io.cdclake.loader.generate.TitanicSchema;
import io.cdclake.loader.load.GeneratedLoader;
import io.cdclake.loader.load.LoadOptions;
import io.cdclake.loader.load.Progress;
import io.cdclake.loader.schema.TableName;
import io.cdclake.loader.schema.TableSetup;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Loads the same generated passengers once with COPY and once with batched INSERTs, each into a
 * fresh table, and prints one JSON line per measurement plus one comparing the two.
 *
 * <pre>java -cp ... io.cdclake.loader.bench.LoaderBenchmark --jdbc-url URL --user U [--rows N] [--seed S]</pre>
 */
public final class LoaderBenchmark {

    public static final int DEFAULT_ROWS = 1_000_000;
    public static final int INSERT_BATCH = 1000;
    static final TableName COPY_TABLE = TableName.of("bench_copy");
    static final TableName INSERT_TABLE = TableName.of("bench_insert");

    private LoaderBenchmark() {}

    public static void main(String[] args) {
        System.exit(CommandLines.execute(new Arguments(), Terminal.system(), args));
    }

    @Command(name = "LoaderBenchmark", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Loads generated passengers with COPY and with batched INSERTs and prints the measurements as JSON lines.")
    static final class Arguments implements Callable<Integer> {

        @Mixin
        private ConnectionOptions connection;

        @Option(names = "--rows", paramLabel = "N", description = "passengers per load (default: ${DEFAULT-VALUE})")
        private int rows = DEFAULT_ROWS;

        @Option(names = "--seed", paramLabel = "S", description = "seed of the generator (default: ${DEFAULT-VALUE})")
        private long seed = 42;

        @Override
        public Integer call() throws Exception {
            run(connection.settings(System.getenv()), rows, seed, System.out);
            return ExitCodes.OK;
        }
    }

    /** Runs all measurements and prints them to {@code out}; returns generate, copy and insert. */
    public static List<Measurement> run(ConnectionSettings db, int rows, long seed, PrintStream out) throws Exception {
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
        return List.of(generate, copy, insert);
    }

    /** Generation alone, so its share of both loads is known. */
    private static Measurement timeGeneration(TitanicGenerator generator, int rows) throws IOException {
        long started = System.nanoTime();
        generator.writeCsv(Writer.nullWriter(), 1, rows, true);
        return new Measurement("generate-csv", rows, (System.nanoTime() - started) / 1e9);
    }

    private static Measurement timeCopy(Connection connection, TitanicGenerator generator, int rows) throws Exception {
        LoadOptions options = LoadOptions.into(COPY_TABLE).withPublication(null).withProgress(Progress.NEVER, System.err);
        long started = System.nanoTime();
        long loaded = GeneratedLoader.load(connection, generator, rows, options).rowsLoaded();
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Measurement("copy", verify(connection, COPY_TABLE, loaded, rows), seconds);
    }

    private static Measurement timeInsert(Connection connection, TitanicGenerator generator, int rows) throws SQLException {
        long started = System.nanoTime();
        long loaded = BatchedInsertLoader.load(connection, INSERT_TABLE, generator, rows, INSERT_BATCH);
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Measurement("batched-insert", verify(connection, INSERT_TABLE, loaded, rows), seconds);
    }

    /** Drops the table; creates it again when the load under test does not create it itself. */
    private static void recreate(Connection connection, TableName table, boolean create) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + table.sql());
            if (create) {
                TableSetup.create(connection, table, TitanicSchema.COLUMNS, List.of(TitanicSchema.PRIMARY_KEY));
                TableSetup.replicaIdentityFull(connection, table);
            }
            // Start each load from a clean WAL; needs rights the benchmark may not have, hence best effort.
            try {
                st.execute("CHECKPOINT");
            } catch (SQLException ignored) {
                // Not a superuser: measurements are still comparable, just noisier.
            }
        }
    }

    private static long verify(Connection connection, TableName table, long reported, int expected) throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table.sql())) {
            rs.next();
            long count = rs.getLong(1);
            if (count != expected || reported != expected) {
                throw new IllegalStateException(table + " has " + count + " rows, the load reported " + reported
                        + ", expected " + expected);
            }
            return count;
        }
    }
}
