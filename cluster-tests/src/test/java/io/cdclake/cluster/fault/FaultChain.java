package io.cdclake.cluster.fault;

import io.cdclake.cluster.FlinkDistribution;
import io.cdclake.cluster.FlinkRestClient;
import io.cdclake.cluster.StandaloneCluster;
import io.cdclake.format.LakePaths;
import io.cdclake.format.TableId;
import io.cdclake.stack.Dirs;
import io.cdclake.stack.LocalStack;
import io.cdclake.stack.PostgresCrashes;
import io.cdclake.stack.PostgresService;
import io.cdclake.stack.S3Service;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The whole chain with every service in a process of its own, each of which a fault can kill:
 * PostgreSQL (zonky's binaries, stopped with {@code pg_ctl -m immediate}), Kafka, Kafka Connect
 * with Debezium, the S3 server, and a standalone Flink JobManager and TaskManager. Work files and
 * logs stay in target/e2e/faults (or the folder {@link #start(String, Map)} names).
 */
final class FaultChain implements AutoCloseable {

    static final String BASE_PATH = "faults";

    /** The table the change load works on, as the lake names it. */
    static final TableId CUSTOMERS = new TableId("postgres", "public", "customers");

    private final Path workDir;
    private PostgresService postgres;
    private KafkaProcess kafka;
    private ConnectProcess connect;
    private S3Service s3;
    private StandaloneCluster flink;

    private FaultChain(Path workDir) {
        this.workDir = workDir;
    }

    static FaultChain start() throws Exception {
        return start("faults", Map.of());
    }

    /**
     * A chain of its own under target/e2e/{@code name}, whose Kafka Connect worker runs with {@code
     * connectWorkerOverrides} over local-stack's worker properties (empty for those).
     */
    static FaultChain start(String name, Map<String, String> connectWorkerOverrides)
            throws Exception {
        Path workDir = Path.of("target", "e2e", name).toAbsolutePath();
        Dirs.deleteRecursively(workDir);
        Files.createDirectories(workDir);
        FaultChain chain = new FaultChain(workDir);
        try {
            chain.postgres = PostgresService.start(workDir, 0);
            chain.kafka = KafkaProcess.start(workDir);
            chain.connect =
                    ConnectProcess.start(
                            workDir,
                            chain.kafka.bootstrapServers(),
                            LocalStack.postgresEnvironment(chain.postgres),
                            connectWorkerOverrides);
            chain.s3 = S3Service.start(workDir, 0);
            chain.flink =
                    StandaloneCluster.start(
                            FlinkDistribution.fromBuild(),
                            workDir.resolve("flink"),
                            chain.flinkOptions());
            return chain;
        } catch (Exception | Error e) {
            chain.close();
            throw e;
        }
    }

    private Map<String, String> flinkOptions() {
        Map<String, String> options = new LinkedHashMap<>(s3.flinkS3Options());
        String flinkDir = "s3://" + s3.bucket() + "/_flink";
        options.put("execution.checkpointing.dir", flinkDir + "/checkpoints");
        options.put("execution.checkpointing.savepoint-dir", flinkDir + "/savepoints");
        // A cancelled job leaves its last checkpoint, to be resumed from.
        options.put(
                "execution.checkpointing.externalized-checkpoint-retention",
                "RETAIN_ON_CANCELLATION");
        // A killed TaskManager is noticed in seconds rather than after the default 50 s.
        options.put("heartbeat.interval", "2000");
        options.put("heartbeat.timeout", "15000");
        // Restarts while S3 or Kafka is down back off, but not for minutes.
        options.put("restart-strategy.type", "exponential-delay");
        options.put("restart-strategy.exponential-delay.max-backoff", "5 s");
        return options;
    }

    Connection connect() throws SQLException {
        return postgres.connect();
    }

    PostgresService postgres() {
        return postgres;
    }

    KafkaProcess kafka() {
        return kafka;
    }

    ConnectProcess connectWorker() {
        return connect;
    }

    S3Service s3() {
        return s3;
    }

    StandaloneCluster flink() {
        return flink;
    }

    FlinkRestClient rest() {
        return new FlinkRestClient(flink.restUrl());
    }

    Path workDir() {
        return workDir;
    }

    String lakeRoot() {
        return "s3://" + s3.bucket() + "/" + BASE_PATH;
    }

    String savepointDir() {
        return "s3://" + s3.bucket() + "/_flink/savepoints";
    }

    /**
     * The lake's folder of one format in the S3 server's storage, where objects are plain files.
     */
    Path lakeFolder(String format) {
        return workDir.resolve("s3").resolve(s3.bucket()).resolve(BASE_PATH).resolve(format);
    }

    /** One table's folder of one format in the S3 server's storage. */
    Path tableFolder(String format, TableId table) {
        return lakeFolder(format).resolve(LakePaths.tableFolder(table));
    }

    /**
     * The S3 server crashes, stays away for {@code outage}, and comes back on its port with its
     * data.
     */
    void s3Outage(Duration outage) throws Exception {
        s3.kill();
        Thread.sleep(outage.toMillis());
        s3 = s3.restart();
    }

    /**
     * PostgreSQL stops like a crash, stays away for {@code outage}, and recovers on the same data
     * and port.
     */
    void postgresCrash(Duration outage) throws Exception {
        PostgresCrashes.stopImmediately(postgres.dataDir());
        Thread.sleep(outage.toMillis());
        PostgresCrashes.start(postgres.dataDir());
    }

    /** Flink first, then Connect before the broker it keeps its state in. */
    @Override
    public void close() throws Exception {
        if (flink != null) {
            flink.close();
        }
        if (connect != null) {
            connect.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (s3 != null) {
            s3.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}
