package io.cdclake.cli.bench;

import io.cdclake.cli.StackLake;
import io.cdclake.connector.ConnectorConfig;
import io.cdclake.connector.ConnectorRegistrar;
import io.cdclake.format.LakePaths;
import io.cdclake.format.TableId;
import io.cdclake.job.CdcLakeJob;
import io.cdclake.job.options.JobConfig;
import io.cdclake.reader.StoredFile;
import io.cdclake.stack.LocalStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/**
 * How many part files a table gets per day, measured, not a test and not part of the test run: the
 * embedded pipeline with a table changed 10 times a second through two Kafka partitions, the job
 * run for a while at each checkpoint interval and parallelism, its committed Parquet and CSV files
 * counted and scaled to a day. A subtask writes one file per format and table for each checkpoint
 * in which it had a change of the table. Reproduce with {@code ./mvnw -pl cli -am test
 * -Dtest=FilesPerDayBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class FilesPerDayBenchmark {

    private static final String TOPIC = "postgres.public.counted";
    private static final TableId TABLE = new TableId("postgres", "public", "counted");

    @Test
    void measure() throws Exception {
        Path work = Files.createTempDirectory("cdc-lake-files-per-day");
        List<String> lines = new ArrayList<>();
        lines.add(
                "| checkpoint interval | parallelism | run | Parquet files | CSV files | files per"
                        + " day (each format) |");
        lines.add("|---:|---:|---:|---:|---:|---:|");
        try (LocalStack stack = LocalStack.builder(work).all().start()) {
            try (Connection db = stack.postgres().connect();
                    Statement st = db.createStatement()) {
                st.execute("CREATE TABLE counted (id int PRIMARY KEY, n bigint)");
                st.execute("INSERT INTO counted SELECT i, 0 FROM generate_series(1, 100) i");
            }
            Properties admin = new Properties();
            admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
            try (AdminClient client = AdminClient.create(admin)) {
                client.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get();
            }
            new ConnectorRegistrar(stack.connect().restUrl())
                    .register(
                            ConnectorConfig.load().with("table.include.list", "public.counted"),
                            Duration.ofMinutes(2));
            Changer changer = new Changer(stack);
            changer.start();
            try {
                lines.add(run(stack, 1, 1, Duration.ofSeconds(60)));
                lines.add(run(stack, 5, 1, Duration.ofSeconds(60)));
                lines.add(run(stack, 60, 1, Duration.ofSeconds(300)));
                lines.add(run(stack, 5, 2, Duration.ofSeconds(60)));
            } finally {
                changer.interrupt();
                changer.join();
            }
        }
        System.out.println(String.join("\n", lines));
    }

    /** The job from the topic's start into a lake of its own, for {@code duration}. */
    private static String run(
            LocalStack stack, int checkpointSeconds, int parallelism, Duration duration)
            throws Exception {
        String basePath = "files-" + checkpointSeconds + "s-p" + parallelism;
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap-servers", stack.kafka().bootstrapServers());
        config.put("kafka.topics", TOPIC);
        config.put("kafka.starting-offsets", "LATEST");
        config.put("lake.bucket", stack.s3().bucket());
        config.put("lake.base-path", basePath);
        config.put("checkpoint.interval", checkpointSeconds + " s");
        JobClient job =
                CdcLakeJob.start(stack.flink().environment(parallelism), JobConfig.fromMap(config));
        Thread.sleep(duration.toMillis());
        job.cancel().get();
        String root = "s3://" + stack.s3().bucket() + "/" + basePath;
        long parquet =
                count(
                        stack,
                        LakePaths.tableRoot(root, LakePaths.Format.PARQUET, TABLE),
                        ".parquet");
        long csv = count(stack, LakePaths.tableRoot(root, LakePaths.Format.CSV, TABLE), ".csv");
        String line =
                String.format(
                        Locale.ROOT,
                        "| %d s | %d | %d s | %d | %d | %,d |",
                        checkpointSeconds,
                        parallelism,
                        duration.toSeconds(),
                        parquet,
                        csv,
                        Math.round(parquet * 86_400.0 / duration.toSeconds()));
        System.out.println(line);
        return line;
    }

    private static long count(LocalStack stack, String folder, String suffix) throws Exception {
        return StackLake.store(stack.s3()).list(folder).stream()
                .map(StoredFile::name)
                .filter(name -> !LakePaths.isHidden(name) && name.endsWith(suffix))
                .count();
    }

    /** Ten updates a second, spread over the table's keys. */
    private static final class Changer extends Thread {
        private final LocalStack stack;

        Changer(LocalStack stack) {
            this.stack = stack;
            setDaemon(true);
        }

        @Override
        public void run() {
            try (Connection db = stack.postgres().connect();
                    Statement st = db.createStatement()) {
                long i = 0;
                while (!isInterrupted()) {
                    st.execute("UPDATE counted SET n = n + 1 WHERE id = " + (1 + i++ % 100));
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                // Stopped.
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
