package io.cdclake.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Any subset of PostgreSQL, Kafka, Kafka Connect, S3 and Flink, started in dependency order under
 * one work folder and closed in reverse order (Connect before the broker it stores its state in).
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

    /** Placeholders the connector JSON uses, e.g. {@code ${env:CDC_LAKE_PG_HOST}}. */
    public static final String PG_HOST = "CDC_LAKE_PG_HOST";

    public static final String PG_PORT = "CDC_LAKE_PG_PORT";
    public static final String PG_USER = "CDC_LAKE_PG_USER";
    public static final String PG_PASSWORD = "CDC_LAKE_PG_PASSWORD";
    public static final String PG_DATABASE = "CDC_LAKE_PG_DATABASE";

    private final Path workDir;
    private final Deque<Started> started = new ArrayDeque<>();
    private PostgresService postgres;
    private KafkaService kafka;
    private ConnectService connect;
    private S3Service s3;
    private FlinkService flink;

    private LocalStack(Path workDir) {
        this.workDir = workDir;
    }

    public static Builder builder(Path workDir) {
        return new Builder(workDir);
    }

    public Path workDir() {
        return workDir;
    }

    public PostgresService postgres() {
        return require(postgres, "postgres");
    }

    public KafkaService kafka() {
        return require(kafka, "kafka");
    }

    public ConnectService connect() {
        return require(connect, "connect");
    }

    public S3Service s3() {
        return require(s3, "s3");
    }

    public FlinkService flink() {
        return require(flink, "flink");
    }

    /** The {@code CDC_LAKE_PG_*} values of the embedded PostgreSQL, as Connect resolves them. */
    public static Map<String, String> postgresEnvironment(PostgresService pg) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(PG_HOST, pg.host());
        env.put(PG_PORT, String.valueOf(pg.port()));
        env.put(PG_USER, pg.user());
        env.put(PG_PASSWORD, pg.password());
        env.put(PG_DATABASE, pg.database());
        return env;
    }

    private static <T> T require(T service, String name) {
        if (service == null) {
            throw new IllegalStateException(
                    name + " was not started in this stack; enable it on the builder");
        }
        return service;
    }

    private <T extends AutoCloseable> T track(String name, long startNanos, T service) {
        started.push(new Started(name, service));
        LOG.info("Started {} in {} ms", name, (System.nanoTime() - startNanos) / 1_000_000);
        return service;
    }

    /** Closes every started service in reverse start order; failures are collected, not fatal. */
    @Override
    public void close() throws Exception {
        Exception failure = null;
        while (!started.isEmpty()) {
            Started service = started.pop();
            long t = System.nanoTime();
            try {
                service.service().close();
                LOG.info(
                        "Stopped {} in {} ms", service.name(), (System.nanoTime() - t) / 1_000_000);
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        postgres = null;
        kafka = null;
        connect = null;
        s3 = null;
        flink = null;
        if (failure != null) {
            throw failure;
        }
    }

    private record Started(String name, AutoCloseable service) {}

    /** Chooses the services; a port of 0 (the default) means a free one. */
    public static final class Builder {
        private final Path workDir;
        private Integer postgresPort;
        private Integer kafkaPort;
        private Integer connectPort;
        private Integer s3Port;
        private String s3Bucket = S3Service.DEFAULT_BUCKET;
        private String s3AccessKey;
        private String s3SecretKey;
        private Integer flinkPort;
        private int flinkSlots = FlinkService.DEFAULT_SLOTS;

        private Builder(Path workDir) {
            this.workDir = workDir;
        }

        public Builder all() {
            return postgres().connect().s3().flink();
        }

        public Builder postgres() {
            return postgres(0);
        }

        public Builder postgres(int port) {
            postgresPort = port;
            return this;
        }

        public Builder kafka() {
            return kafka(0);
        }

        public Builder kafka(int port) {
            kafkaPort = port;
            return this;
        }

        /** Connect needs a broker: this also enables Kafka (on a free port unless set). */
        public Builder connect() {
            return connect(0);
        }

        public Builder connect(int restPort) {
            connectPort = restPort;
            if (kafkaPort == null) {
                kafkaPort = 0;
            }
            return this;
        }

        public Builder s3() {
            return s3(0);
        }

        public Builder s3(int port) {
            s3Port = port;
            return this;
        }

        /** Fixed credentials instead of generated ones, e.g. from the environment. */
        public Builder s3Credentials(String accessKey, String secretKey) {
            s3AccessKey = accessKey;
            s3SecretKey = secretKey;
            return this;
        }

        public Builder s3Bucket(String bucket) {
            s3Bucket = bucket;
            return this;
        }

        public Builder flink() {
            return flink(0, FlinkService.DEFAULT_SLOTS);
        }

        public Builder flink(int restPort, int slots) {
            flinkPort = restPort;
            flinkSlots = slots;
            return this;
        }

        /** Starts the chosen services; on failure, those already started are closed again. */
        public LocalStack start() throws Exception {
            Files.createDirectories(workDir);
            LocalStack stack = new LocalStack(workDir.toAbsolutePath());
            try {
                startServices(stack);
            } catch (Exception | Error e) {
                try {
                    stack.close();
                } catch (Exception closing) {
                    e.addSuppressed(closing);
                }
                throw e;
            }
            return stack;
        }

        private void startServices(LocalStack stack) throws Exception {
            Path dir = stack.workDir;
            if (postgresPort != null) {
                long t = System.nanoTime();
                stack.postgres =
                        stack.track("postgres", t, PostgresService.start(dir, postgresPort));
                LocalStackConfigProvider.putAll(postgresEnvironment(stack.postgres));
            }
            if (kafkaPort != null) {
                long t = System.nanoTime();
                stack.kafka = stack.track("kafka", t, KafkaService.start(dir, kafkaPort));
            }
            if (connectPort != null) {
                long t = System.nanoTime();
                stack.connect =
                        stack.track(
                                "connect",
                                t,
                                ConnectService.start(stack.kafka.bootstrapServers(), connectPort));
            }
            if (s3Port != null) {
                long t = System.nanoTime();
                stack.s3 =
                        stack.track(
                                "s3",
                                t,
                                S3Service.start(dir, s3Port, s3Bucket, s3AccessKey, s3SecretKey));
            }
            if (flinkPort != null) {
                Map<String, String> options =
                        stack.s3 != null ? stack.s3.flinkS3Options() : Map.of();
                long t = System.nanoTime();
                stack.flink =
                        stack.track(
                                "flink",
                                t,
                                FlinkService.start(dir, flinkPort, flinkSlots, options));
            }
        }
    }
}
