package io.cdclake.cli;

import io.cdclake.cli.load.ExampleCommand;
import io.cdclake.cli.load.LoadCommand;
import io.cdclake.cli.load.LoadReport;
import io.cdclake.cli.status.PipelineStatus;
import io.cdclake.commandline.DurationConverter;
import io.cdclake.commandline.ExitCodes;
import io.cdclake.commandline.Terminal;
import io.cdclake.commandline.VersionProvider;
import io.cdclake.connector.ConnectorConfig;
import io.cdclake.connector.ConnectorRegistrar;
import io.cdclake.format.LakePaths;
import io.cdclake.format.StateTables;
import io.cdclake.format.TableId;
import io.cdclake.job.CdcLakeJob;
import io.cdclake.job.options.JobConfig;
import io.cdclake.loader.ChangeRun;
import io.cdclake.loader.ConnectionSettings;
import io.cdclake.loader.DataLoader;
import io.cdclake.loader.changes.ChangeOptions;
import io.cdclake.loader.changes.OperationMix;
import io.cdclake.loader.load.LoadOptions;
import io.cdclake.loader.load.LoadSource;
import io.cdclake.loader.load.Progress;
import io.cdclake.postgres.PgCatalog;
import io.cdclake.postgres.PgColumn;
import io.cdclake.postgres.PgTable;
import io.cdclake.reader.LakeStore;
import io.cdclake.reader.query.LakeCatalog;
import io.cdclake.reader.state.StateCatalog;
import io.cdclake.reader.state.StateCompactor;
import io.cdclake.stack.LocalStack;
import io.cdclake.stack.PostgresService;
import java.io.File;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./cdc-lake demo}: the whole pipeline on this machine, no Docker. Starts PostgreSQL, Kafka,
 * Kafka Connect with Debezium, an S3 server and a Flink mini cluster, loads the sample table,
 * registers the connector, starts the job, applies the tutorial's update and delete and a stream of
 * generated changes, and reports what reached the lake until Ctrl-C.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        sortSynopsis = false,
        description =
                "Starts the whole pipeline on this machine (PostgreSQL, Kafka, Kafka Connect with"
                    + " Debezium, an S3 server, Flink), loads the sample table 'customers', applies"
                    + " the tutorial's example and a stream of generated changes, and reports what"
                    + " reached the lake every 10 s until Ctrl-C (or --duration).")
final class DemoCommand implements Callable<Integer> {

    static final String TABLE = "customers";

    private static final java.time.format.DateTimeFormatter CLOCK =
            java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss");

    @Mixin private DemoOptions options;

    private final Terminal terminal;

    DemoCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    /** The time of a status line, seconds always shown ({@code LocalTime} drops zero seconds). */
    static String clock(java.time.LocalTime time) {
        return CLOCK.format(time);
    }

    @Override
    public Integer call() {
        PrintStream out = terminal.out();
        PrintStream err = terminal.err();
        options.applyDefaults();
        CountDownLatch stopped = new CountDownLatch(1);
        Demo demo = new Demo(options, out, err);
        Thread hook =
                new Thread(
                        () -> {
                            demo.shutDown();
                            stopped.countDown();
                        },
                        "cdc-lake-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            demo.startAll();
            demo.report(options.duration);
            return demo.verifyAtEnd();
        } catch (Exception e) {
            err.println("demo failed: " + e);
            Throwable cause = e.getCause();
            while (cause != null) {
                err.println("  caused by: " + cause);
                cause = cause.getCause();
            }
            demo.pointToLogs();
            return ExitCodes.FAILURE;
        } finally {
            demo.shutDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running the shutdown already.
                awaitQuietly(stopped);
            }
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The demo's options. */
    static final class DemoOptions {
        @Option(
                names = "--csv",
                paramLabel = "FILE",
                description =
                        "load this CSV file as table 'customers' instead of the titanic sample")
        Path csv;

        @Option(
                names = "--primary-key",
                paramLabel = "COLUMN",
                description =
                        "primary key of --csv (default: PassengerId for the sample, else none)")
        String primaryKey;

        @Option(
                names = "--rate",
                paramLabel = "N",
                description =
                        "generated changes per second after the example (default ${DEFAULT-VALUE};"
                                + " 0: none)")
        double rate = 2;

        @Option(
                names = "--duration",
                paramLabel = "DURATION",
                converter = DurationConverter.class,
                description =
                        "stop by itself after this long (e.g. 2m), verifying the lake against the"
                                + " table first; default: run until Ctrl-C")
        Duration duration;

        @Option(
                names = "--checkpoint-interval",
                paramLabel = "DURATION",
                converter = DurationConverter.class,
                defaultValue = "5s",
                description = "the job's checkpoint interval (default ${DEFAULT-VALUE})")
        Duration checkpointInterval;

        @Option(
                names = "--work-dir",
                paramLabel = "DIR",
                description = "where the services keep their data (default ${DEFAULT-VALUE})")
        Path workDir = Path.of(".cdc-lake", "demo");

        @Option(
                names = "--flink-port",
                paramLabel = "N",
                description = "Flink web UI (default ${DEFAULT-VALUE})")
        int flinkPort = 8081;

        @Option(
                names = "--s3-port",
                paramLabel = "N",
                description = "S3 endpoint (default ${DEFAULT-VALUE})")
        int s3Port = 9000;

        @Option(
                names = "--postgres-port",
                paramLabel = "N",
                description = "PostgreSQL (default: a free port)")
        int postgresPort;

        @Option(
                names = "--kafka-port",
                paramLabel = "N",
                description = "Kafka (default: a free port)")
        int kafkaPort;

        @Option(
                names = "--connect-port",
                paramLabel = "N",
                description = "Kafka Connect REST API (default: a free port)")
        int connectPort;

        void applyDefaults() {
            if (csv == null && primaryKey == null) {
                primaryKey = "PassengerId";
            }
        }
    }

    /** One run of the demo: what it started, so that it can stop it all. */
    static final class Demo {
        private final DemoOptions options;
        private final PrintStream out;
        private final PrintStream err;
        private LocalStack stack;
        private JobClient job;
        private Thread changes;
        private JobConfig jobConfig;
        private LakeSummary summary;
        private TableId lakeTable;
        private Path logs;
        private boolean shutDown;

        Demo(DemoOptions options, PrintStream out, PrintStream err) {
            this.options = options;
            this.out = out;
            this.err = err;
        }

        void startAll() throws Exception {
            logs = DemoLogs.toFiles(options.workDir.resolve("logs"));
            out.println(
                    "Starting PostgreSQL, Kafka, Kafka Connect + Debezium, S3 and Flink under "
                            + options.workDir.toAbsolutePath()
                            + " ...");
            out.println(
                    "Their logs: "
                            + logs
                            + File.separator
                            + " (postgres.log, kafka.log, connect.log, s3proxy.log, flink.log,"
                            + " cdc-lake.log); errors also appear here.");
            synchronized (this) {
                stack =
                        LocalStack.builder(options.workDir)
                                .postgres(options.postgresPort)
                                .kafka(options.kafkaPort)
                                .connect(options.connectPort)
                                .s3(options.s3Port)
                                .flink(options.flinkPort, 2)
                                .start();
            }
            PostgresService pg = stack.postgres();
            load(pg);
            out.println("Registering the Debezium connector ...");
            ConnectorConfig connector =
                    ConnectorConfig.load().with("table.include.list", "public." + TABLE);
            new ConnectorRegistrar(stack.connect().restUrl())
                    .register(connector, Duration.ofMinutes(2));

            Map<String, String> jobOptions = new HashMap<>();
            jobOptions.put("kafka.bootstrap-servers", stack.kafka().bootstrapServers());
            jobOptions.put("lake.bucket", stack.s3().bucket());
            jobOptions.put("checkpoint.interval", options.checkpointInterval.toMillis() + " ms");
            jobOptions.put("kafka.partition-discovery-interval", "5 s");
            jobConfig = JobConfig.fromMap(jobOptions);
            lakeTable = new TableId(connector.get("topic.prefix"), "public", TABLE);
            summary =
                    new LakeSummary(
                            jobConfig.lakeRoot(),
                            lakeS3(),
                            stack.workDir().resolve("lake-cache"),
                            lakeTable);
            out.println("Starting the Flink job ...");
            synchronized (this) {
                job = CdcLakeJob.start(stack.flink().environment(1), jobConfig);
            }
            printWhereToLook();
            waitForSnapshot();
            if (hasColumns("PassengerId", "Name")) {
                out.println(
                        "Applying the tutorial's example: UPDATE customers SET \"Name\" = 'Cris'"
                                + " WHERE \"PassengerId\" = 2; DELETE FROM customers WHERE"
                                + " \"PassengerId\" = 3;");
                ExampleCommand.print(loader(pg).applyTutorialExample(PgTable.of(TABLE)), out, err);
                awaitExampleInLake();
                compactOnce(pg);
            } else {
                out.println(
                        "The tutorial's example needs the titanic columns PassengerId and Name;"
                                + " skipped for this CSV.");
            }
            if (options.rate > 0 && hasSingleIntegerKey()) {
                startChangeStream(pg);
            } else if (options.rate > 0) {
                out.println(
                        "Generated changes need a single integer primary key (--primary-key"
                                + " COLUMN); none are applied. Change the table yourself: "
                                + stack.postgres().jdbcUrl());
            }
        }

        /** Until the example's update and delete are in the lake, a minute at most. */
        private void awaitExampleInLake() throws Exception {
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (System.nanoTime() < deadline) {
                Map<String, Long> byOp = summary.rowsByOp();
                if (byOp.getOrDefault("u", 0L) > 0 && byOp.getOrDefault("d", 0L) > 0) {
                    return;
                }
                Thread.sleep(1000);
            }
        }

        /**
         * One compaction of the table into its current-state table, and how to read it: what a user
         * runs on a schedule with {@code ./cdc-lake compact}.
         */
        private void compactOnce(PostgresService pg) {
            String root = jobConfig.lakeRoot();
            out.println("Compacting the table into its current-state table (Apache Iceberg) ...");
            try (LakeStore store =
                            LakeStore.open(root, lakeS3(), stack.workDir().resolve("lake-cache"));
                    StateCatalog catalog =
                            StateCatalog.open(
                                    pg.jdbcUrl(), pg.user(), pg.password(), root, lakeS3(), true)) {
                Optional<io.cdclake.reader.query.LakeTable> table =
                        LakeCatalog.find(LakeCatalog.tables(store, root), lakeTable);
                if (table.isEmpty()) {
                    out.println("  nothing to compact yet: the table has no part files");
                    return;
                }
                StateCompactor.Result result =
                        new io.cdclake.reader.state.StateCompactor(
                                        catalog, store, stack.workDir().resolve("compact"))
                                .compact(root, table.get());
                String name = StateCatalog.qualifiedName(lakeTable);
                out.println(
                        "Current-state table  "
                                + name
                                + ": "
                                + result.rows()
                                + " rows from "
                                + result.partsRead()
                                + " part files, Iceberg snapshot "
                                + result.snapshotId());
                out.println(
                        "  Read it with any Iceberg engine: JDBC catalog "
                                + pg.jdbcUrl()
                                + " (user "
                                + pg.user()
                                + ", catalog name "
                                + StateTables.CATALOG
                                + "), warehouse "
                                + root
                                + "/"
                                + LakePaths.STATE_FOLDER
                                + ", table "
                                + name.substring(name.indexOf('.') + 1));
                out.println(
                        "  Or query the state and the changes since: (set -a; . "
                                + stack.workDir().resolve("s3-credentials.env")
                                + "; PGPASSWORD="
                                + pg.password()
                                + " ./cdc-lake query --lake "
                                + root
                                + " --s3-endpoint "
                                + stack.s3().endpoint()
                                + " --catalog-jdbc-url "
                                + pg.jdbcUrl()
                                + ")");
                out.println(
                        "  Refresh it with ./cdc-lake compact (same options), e.g. every few"
                                + " minutes from cron.");
            } catch (Exception e) {
                err.println("compacting failed: " + e.getMessage());
            }
        }

        private boolean hasColumns(String... columns) throws java.sql.SQLException {
            try (java.sql.Connection db = stack.postgres().connect()) {
                java.util.Set<String> names =
                        PgCatalog.columns(db, PgTable.of(TABLE)).orElse(List.of()).stream()
                                .map(PgColumn::name)
                                .collect(java.util.stream.Collectors.toSet());
                return names.containsAll(List.of(columns));
            }
        }

        /** What the change generator needs to pick rows to update and delete. */
        private boolean hasSingleIntegerKey() throws java.sql.SQLException {
            try (java.sql.Connection db = stack.postgres().connect()) {
                PgTable table = PgTable.of(TABLE);
                List<String> key = PgCatalog.primaryKey(db, table);
                if (key.size() != 1) {
                    return false;
                }
                return PgCatalog.columns(db, table).orElse(List.of()).stream()
                        .filter(c -> c.name().equals(key.get(0)))
                        .anyMatch(c -> List.of("integer", "bigint", "smallint").contains(c.type()));
            }
        }

        private void load(PostgresService pg) throws Exception {
            LoadOptions load = LoadOptions.into(PgTable.of(TABLE)).withProgress(Progress.AUTO, err);
            LoadSource source;
            if (options.csv != null) {
                source = LoadSource.csv(options.csv);
            } else {
                source = LoadSource.sample();
                // The sample's decimals, declared in PostgreSQL; the lake keeps every numeric
                // as its exact text, NaN included.
                load = load.withType("Age", "numeric(5,2)").withType("Fare", "numeric(10,4)");
            }
            if (options.primaryKey != null) {
                load = load.withPrimaryKey(LoadCommand.keyColumns(options.primaryKey));
            }
            out.println("Loading table '" + TABLE + "' with COPY ...");
            LoadReport.print(loader(pg).load(source, load), load.publication(), out, err);
        }

        private static DataLoader loader(PostgresService pg) {
            return new DataLoader(new ConnectionSettings(pg.jdbcUrl(), pg.user(), pg.password()));
        }

        private void startChangeStream(PostgresService pg) {
            ChangeRun run =
                    loader(pg)
                            .changes(
                                    PgTable.of(TABLE),
                                    new ChangeOptions(
                                            OperationMix.DEFAULT,
                                            LoadCommand.DEFAULT_SEED,
                                            -1,
                                            changeDuration(),
                                            options.rate,
                                            ChangeOptions.DEFAULT_OPERATIONS_PER_TRANSACTION));
            changes =
                    new Thread(
                            () -> {
                                try {
                                    out.println(run.run());
                                } catch (SQLException e) {
                                    if (!shutDown) {
                                        err.println("change generator stopped: " + e.getMessage());
                                    }
                                }
                            },
                            "cdc-lake-demo-changes");
            changes.setDaemon(true);
            changes.start();
            out.println(
                    "Applying about "
                            + options.rate
                            + " generated changes per second (inserts, updates, deletes) ...");
        }

        /** With --duration, changes stop early enough to settle before the final verification. */
        private Duration changeDuration() {
            if (options.duration == null) {
                return Duration.ofHours(24);
            }
            return Duration.ofSeconds(Math.max(1, options.duration.toSeconds() - 15));
        }

        private void printWhereToLook() {
            String root = jobConfig.lakeRoot();
            out.println();
            out.println("The pipeline is running.");
            out.println("  Flink web UI       " + stack.flink().restUrl());
            out.println(
                    "  S3 endpoint        "
                            + stack.s3().endpoint()
                            + "  (path-style; bucket '"
                            + stack.s3().bucket()
                            + "')");
            out.println(
                    "  S3 credentials     in "
                            + writeSecret()
                            + " (access key "
                            + stack.s3().accessKey()
                            + ")");
            out.println(
                    "  Parquet            "
                            + LakePaths.tableRoot(root, LakePaths.Format.PARQUET, lakeTable)
                            + "/dt=YYYY-MM-DD/");
            out.println(
                    "  CSV                "
                            + LakePaths.tableRoot(root, LakePaths.Format.CSV, lakeTable)
                            + "/dt=YYYY-MM-DD/");
            out.println("  Dead letters       " + root + "/" + LakePaths.DEAD_LETTER_FOLDER + "/");
            out.println(
                    "  Sent again         "
                            + root
                            + "/"
                            + LakePaths.SENT_AGAIN_FOLDER
                            + "/ (copies Kafka Connect sent again, kept out of the tables)");
            out.println(
                    "  PostgreSQL         "
                            + stack.postgres().jdbcUrl()
                            + " (user "
                            + stack.postgres().user()
                            + ")");
            out.println(
                    "  Kafka              "
                            + stack.kafka().bootstrapServers()
                            + "  topic postgres.public."
                            + TABLE);
            out.println("  Kafka Connect      " + stack.connect().restUrl());
            out.println("  Files on disk      " + stack.workDir().resolve("s3"));
            out.println();
            out.println("Check the lake against the table at any time, from another terminal:");
            out.println(
                    "  (set -a; . "
                            + stack.workDir().resolve("s3-credentials.env")
                            + "; PGPASSWORD="
                            + stack.postgres().password()
                            + " ./cdc-lake verify --table public."
                            + TABLE
                            + " --jdbc-url "
                            + stack.postgres().jdbcUrl()
                            + " --user "
                            + stack.postgres().user()
                            + " --lake "
                            + root
                            + " --s3-endpoint "
                            + stack.s3().endpoint()
                            + ")");
            out.println("Query it: the table now, as of a time, or its changes (--help for more):");
            out.println(
                    "  (set -a; . "
                            + stack.workDir().resolve("s3-credentials.env")
                            + "; ./cdc-lake query --lake "
                            + root
                            + " --s3-endpoint "
                            + stack.s3().endpoint()
                            + " --sql 'SELECT * FROM public."
                            + TABLE
                            + " ORDER BY \"PassengerId\" LIMIT 10')");
            out.println();
        }

        /** Keeps the generated S3 secret out of the terminal's scroll-back and logs. */
        private Path writeSecret() {
            Path file = stack.workDir().resolve("s3-credentials.env");
            try {
                java.nio.file.Files.writeString(
                        file,
                        "AWS_ACCESS_KEY_ID="
                                + stack.s3().accessKey()
                                + "\nAWS_SECRET_ACCESS_KEY="
                                + stack.s3().secretKey()
                                + "\n");
                java.nio.file.Files.setPosixFilePermissions(
                        file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (java.io.IOException | UnsupportedOperationException e) {
                err.println("could not write " + file + ": " + e.getMessage());
            }
            return file;
        }

        private long tableRows() throws java.sql.SQLException {
            try (java.sql.Connection db = stack.postgres().connect();
                    java.sql.ResultSet rs =
                            db.createStatement()
                                    .executeQuery("SELECT count(*) FROM public." + TABLE)) {
                rs.next();
                return rs.getLong(1);
            }
        }

        private void waitForSnapshot() throws Exception {
            long snapshotRows = tableRows();
            out.println(
                    "Waiting for the snapshot of " + snapshotRows + " rows to reach the lake ...");
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (System.nanoTime() < deadline) {
                Map<String, Long> byOp = summary.rowsByOp();
                if (byOp.getOrDefault("r", 0L) >= snapshotRows) {
                    out.println("Snapshot in the lake: " + LakeSummary.format(byOp));
                    return;
                }
                Thread.sleep(1000);
            }
            throw new IllegalStateException(
                    "no snapshot rows reached the lake within 3 minutes; see the Flink web UI");
        }

        /** The embedded S3 server, for reading the lake back. */
        private io.cdclake.reader.S3Access lakeS3() {
            return new io.cdclake.reader.S3Access(
                    stack.s3().endpoint(),
                    stack.s3().accessKey(),
                    stack.s3().secretKey(),
                    io.cdclake.reader.S3Access.DEFAULT_REGION);
        }

        /** After the generated changes stopped: the lake must equal the table once they settled. */
        int verifyAtEnd() throws Exception {
            if (changes != null) {
                changes.join(Duration.ofSeconds(30).toMillis());
            }
            out.println("Changes stopped; verifying the lake against PostgreSQL ...");
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            io.cdclake.reader.verify.VerifyReport report;
            do {
                try (java.sql.Connection db = stack.postgres().connect()) {
                    report =
                            new io.cdclake.reader.verify.LakeVerifier(jobConfig.lakeRoot())
                                    .tempDir(stack.workDir().resolve("lake-cache"))
                                    .s3(lakeS3())
                                    .verify(db, new TableId("public", TABLE));
                }
                if (!report.matches()) {
                    Thread.sleep(2000);
                }
            } while (!report.matches() && System.nanoTime() < deadline);
            out.println(report.render());
            return report.matches() ? 0 : 1;
        }

        void report(Duration duration) throws Exception {
            long end = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
            out.println(
                    "Rows written to the lake so far are reported every 10 s. Ctrl-C stops"
                            + " everything.");
            String lastProblem = null;
            long copiesSeen = 0;
            while (System.nanoTime() < end) {
                Thread.sleep(Math.min(10_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
                String now = clock(java.time.LocalTime.now());
                PipelineStatus status =
                        PipelineStatus.read(stack.connect().restUrl(), stack.flink().restUrl());
                if (status.healthy()) {
                    lastProblem = null;
                    out.println(
                            now
                                    + "  public."
                                    + TABLE
                                    + ": "
                                    + LakeSummary.format(summary.rowsByOp()));
                    long copies = summary.copiesSetAside();
                    if (copies != copiesSeen) {
                        copiesSeen = copies;
                        out.println(
                                now
                                        + "  "
                                        + copies
                                        + " events Kafka Connect sent again are set aside in "
                                        + jobConfig.lakeRoot()
                                        + "/"
                                        + LakePaths.SENT_AGAIN_FOLDER
                                        + "/; the tables hold each change once");
                    }
                } else {
                    lastProblem = reportProblem(now, status, lastProblem);
                }
            }
        }

        /**
         * A stopped connector task or job stops every change from reaching the lake, so the demo
         * says so, with what to do, instead of printing counts that no longer grow.
         */
        private String reportProblem(String now, PipelineStatus status, String lastProblem) {
            String problem = status.render();
            if (problem.equals(lastProblem)) {
                out.println(
                        now
                                + "  still not running; no change reaches the lake (./cdc-lake"
                                + " status --connect-url "
                                + stack.connect().restUrl()
                                + " --flink-url "
                                + stack.flink().restUrl()
                                + ")");
            } else {
                out.println(
                        now
                                + "  the pipeline is not running: no change reaches the lake until"
                                + " this is fixed");
                out.print(problem);
            }
            return problem;
        }

        void pointToLogs() {
            if (logs != null) {
                err.println("  the services' logs: " + logs + File.separator);
            }
        }

        synchronized void shutDown() {
            if (shutDown) {
                return;
            }
            shutDown = true;
            out.println("Stopping ...");
            if (changes != null) {
                changes.interrupt();
            }
            if (job != null) {
                try {
                    job.cancel().get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    err.println("cancelling the job: " + e.getMessage());
                }
            }
            if (stack != null) {
                try {
                    stack.close();
                } catch (Exception e) {
                    err.println("stopping services: " + e.getMessage());
                }
            }
            out.println("Stopped.");
        }
    }
}
