package io.cdclake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cdclake.job.CdcLakeJob;
import io.cdclake.job.LakePipeline;
import io.cdclake.job.decode.Fixtures;
import io.cdclake.job.options.JobConfig;
import io.cdclake.job.sink.LakeSinks;
import io.cdclake.job.source.KafkaChange;
import io.cdclake.job.testing.LakeFiles;
import io.cdclake.stack.FlinkService;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The demo's logging with the real job on a Flink mini cluster through many checkpoints: nothing
 * reaches the console while the job runs normally, no warning repeats (Flink's metric-name
 * collision of every committer at every checkpoint, the truncated task name), the services' lines
 * land in their files, and an error still reaches the console with the file to read.
 */
class DemoLogsITCase {

    private static final int EVENTS = 400;

    @TempDir Path workDir;

    private URI testConfiguration;
    private PrintStream systemOut;
    private PrintStream systemErr;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @BeforeEach
    void captureTheConsole() {
        testConfiguration = LoggerContext.getContext(false).getConfigLocation();
        systemOut = System.out;
        systemErr = System.err;
        // Both: log4j reports its own problems on standard output.
        PrintStream terminal = new PrintStream(console, true, StandardCharsets.UTF_8);
        System.setOut(terminal);
        System.setErr(terminal);
    }

    @AfterEach
    void restore() {
        System.setOut(systemOut);
        System.setErr(systemErr);
        System.clearProperty(DemoLogs.FOLDER_PROPERTY);
        Configurator.reconfigure(testConfiguration);
    }

    @Test
    void theJobRunsQuietlyAndAnErrorPointsToItsLogFile() throws Exception {
        Path logs = DemoLogs.toFiles(workDir.resolve("logs"));
        List<LogEvent> events = captureEveryLoggedEvent();

        Path lake = workDir.resolve("lake");
        JobConfig config =
                JobConfig.fromMap(
                        Map.of(
                                "kafka.bootstrap-servers", "unused:9092",
                                "lake.scheme", "file",
                                "lake.bucket", lake.getName(0).toString(),
                                "lake.base-path", lake.subpath(1, lake.getNameCount()).toString(),
                                "checkpoint.interval", "300 ms",
                                "dedup.enabled", "false"));
        try (FlinkService flink = FlinkService.start(workDir, 0, 1, Map.of())) {
            StreamExecutionEnvironment env = flink.environment(1);
            CdcLakeJob.configure(env, config);
            // Slow enough for many checkpoints: each one made every committer warn before.
            DataGeneratorSource<KafkaChange> source =
                    new DataGeneratorSource<>(
                            new FixtureEvents(),
                            EVENTS,
                            RateLimiterStrategy.perSecond(100),
                            TypeInformation.of(KafkaChange.class));
            // Named as the job names its Kafka source: the task's name must stay within Flink's
            // limit.
            LakePipeline.build(
                    env.fromSource(source, WatermarkStrategy.noWatermarks(), "Kafka"),
                    config,
                    LakeSinks.files(config));
            env.execute(CdcLakeJob.streamGraph(env, "demo-logs-it"));
        }

        assertThat(LakeFiles.committed(config.lakeRoot() + "/parquet", ".parquet"))
                .as("committed Parquet files")
                .isNotEmpty();
        long checkpoints =
                events.stream()
                        .filter(
                                e ->
                                        e.getMessage()
                                                .getFormattedMessage()
                                                .startsWith("Completed checkpoint"))
                        .count();
        assertThat(checkpoints).as("completed checkpoints").isGreaterThanOrEqualTo(3);
        List<String> messages =
                events.stream().map(e -> e.getMessage().getFormattedMessage()).toList();
        assertThat(messages).noneMatch(m -> m.contains("Name collision"));
        assertThat(messages).noneMatch(m -> m.contains("characters length limit"));
        assertThat(console.toString(StandardCharsets.UTF_8))
                .as("console while the job ran")
                .isEmpty();
        assertThat(Files.readString(logs.resolve("flink.log"))).contains("Completed checkpoint");

        LoggerFactory.getLogger("org.apache.kafka.connect.runtime.WorkerTask")
                .error(
                        "WorkerSourceTask{id=cdc-lake-postgres-0} Task threw an uncaught and"
                                + " unrecoverable exception",
                        new IllegalStateException("replication slot is gone"));
        LoggerFactory.getLogger("org.apache.kafka.connect.runtime.WorkerTask")
                .info("an ordinary day");
        String printed = console.toString(StandardCharsets.UTF_8);
        assertThat(printed.lines()).hasSize(1);
        assertThat(printed)
                .contains(
                        "ERROR",
                        "Task threw an uncaught and unrecoverable exception",
                        "replication slot is gone")
                .contains("(more in " + logs.resolve("connect.log") + ")");
        assertThat(Files.readString(logs.resolve("connect.log")))
                .contains(
                        "replication slot is gone",
                        "at io.cdclake.cli.DemoLogsITCase",
                        "an ordinary day");
    }

    /** Every event any logger passes on, after the configuration's levels and filters. */
    private static List<LogEvent> captureEveryLoggedEvent() {
        List<LogEvent> events = new CopyOnWriteArrayList<>();
        LoggerContext context = LoggerContext.getContext(false);
        Configuration configuration = context.getConfiguration();
        AbstractAppender appender =
                new AbstractAppender("capture", null, null, true, Property.EMPTY_ARRAY) {
                    @Override
                    public void append(LogEvent event) {
                        events.add(event.toImmutable());
                    }
                };
        appender.start();
        configuration.addAppender(appender);
        // The service loggers do not pass their events on to the root logger.
        for (LoggerConfig logger : configuration.getLoggers().values()) {
            logger.addAppender(appender, Level.ALL, null);
        }
        configuration.getRootLogger().addAppender(appender, Level.ALL, null);
        context.updateLoggers();
        return events;
    }

    /**
     * The decoder's fixture events, each at an offset of its own, produced at the source's pace.
     */
    private static final class FixtureEvents implements GeneratorFunction<Long, KafkaChange> {
        private transient List<KafkaChange> fixtures;

        @Override
        public void open(SourceReaderContext readerContext) {
            fixtures = Fixtures.allRecords();
        }

        @Override
        public KafkaChange map(Long index) {
            KafkaChange fixture = fixtures.get((int) (index % fixtures.size()));
            return new KafkaChange(fixture.topic, 0, index, fixture.key, fixture.value);
        }
    }
}
