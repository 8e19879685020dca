package io.cdclake.job.bench;

import io.cdclake.job.testing.TitanicChangeEvents;
import io.cdclake.stack.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Why two tree ceilings disagree: the one {@link JobThroughputBenchmark} used (a 512 MB heap, the
 * job's 64 MiB fetches, Kafka's 500 records per poll) and the side-by-side yardstick's (a 2 GB
 * heap, 50 MB fetches, 2,000 records per poll). The same consumer ({@link CeilingConsumer}, JSON
 * tree per value) reads the same topic in a JVM of its own under each setting, one factor changed
 * at a time, {@code bench.rounds} times each; it reports events/s, MB/s of values, and the share of
 * its time in garbage collection. Not a test; reproduce with {@code ./mvnw -pl flink-job -am test
 * -Dtest=CeilingFactorsBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbench.events=1000000}.
 */
class CeilingFactorsBenchmark {

    private static final String TOPIC = TitanicChangeEvents.TOPIC;
    private static final String FETCH_50MB = String.valueOf(50 * 1024 * 1024);

    private record Setting(String name, String heap, List<String> properties) {}

    @Test
    void measure() throws Exception {
        int events = Integer.getInteger("bench.events", 1_000_000);
        int rounds = Integer.getInteger("bench.rounds", 2);
        List<Setting> settings =
                List.of(
                        new Setting(
                                "project's ceiling: 512 MB, job's fetches, 500/poll",
                                "512m",
                                List.of()),
                        new Setting("heap 2 GB", "2g", List.of()),
                        new Setting(
                                "2,000 records per poll", "512m", List.of("max.poll.records=2000")),
                        new Setting(
                                "50 MB fetches",
                                "512m",
                                List.of(
                                        "fetch.max.bytes=" + FETCH_50MB,
                                        "max.partition.fetch.bytes=" + FETCH_50MB)),
                        new Setting(
                                "Kafka's default fetches (1 MiB per partition)",
                                "512m",
                                List.of(
                                        "fetch.max.bytes=52428800",
                                        "max.partition.fetch.bytes=1048576")),
                        new Setting(
                                "yardstick's ceiling: 2 GB, 50 MB fetches, 2,000/poll",
                                "2g",
                                List.of(
                                        "fetch.max.bytes=" + FETCH_50MB,
                                        "max.partition.fetch.bytes=" + FETCH_50MB,
                                        "max.poll.records=2000")));
        Path workDir = Files.createTempDirectory("cdc-lake-ceilings");
        List<String> lines = new ArrayList<>();
        lines.add("| setting | events/s | MB/s of values | GC share of the read |");
        lines.add("|---|---:|---:|---:|");
        try (BrokerJvm broker = BrokerJvm.start(workDir)) {
            String bootstrap = broker.bootstrapServers();
            broker.createTopic(TOPIC, 1);
            long bytes = JobThroughputBenchmark.produce(bootstrap, TOPIC, events);
            System.out.printf(
                    Locale.ROOT,
                    "%,d events, %.0f bytes per event%n",
                    events,
                    bytes / (double) events);
            for (Setting setting : settings) {
                for (int round = 0; round < rounds; round++) {
                    List<String> args =
                            new ArrayList<>(
                                    List.of(bootstrap, TOPIC, String.valueOf(events), "tree"));
                    args.addAll(setting.properties());
                    try (ChildJvm consumer =
                            BenchmarkJvm.start(
                                    workDir,
                                    "ceiling-" + System.nanoTime(),
                                    setting.heap(),
                                    CeilingConsumer.class,
                                    args.toArray(String[]::new))) {
                        double rate =
                                Double.parseDouble(
                                        consumer.awaitResult(CeilingConsumer.RESULT_PREFIX));
                        String[] gc = consumer.awaitResult(CeilingConsumer.GC_PREFIX).split(" ");
                        double seconds = events / rate;
                        double gcShare = Long.parseLong(gc[0]) / 1000.0 / seconds;
                        double megabytes = Long.parseLong(gc[3]) / 1e6 / seconds;
                        String line =
                                String.format(
                                        Locale.ROOT,
                                        "| %s | %,.0f | %.0f | %.0f %% (%s collections) |",
                                        setting.name(),
                                        rate,
                                        megabytes,
                                        100 * gcShare,
                                        gc[1]);
                        lines.add(line);
                        System.out.println(line);
                    }
                }
            }
        }
        System.out.println(String.join("\n", lines));
    }
}
