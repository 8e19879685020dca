package io.cdclake.cli.bench;

import io.cdclake.commandline.DurationConverter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@link PipelineBenchmark} measures, from system properties; the defaults are the sizes the
 * published numbers use.
 *
 * @param snapshotRows {@code bench.snapshot.rows}: rows loaded before the connector is registered
 * @param snapshotIntervalSeconds {@code bench.snapshot.interval}: checkpoint interval of the
 *     snapshot's job
 * @param rate {@code bench.rate}: changes per second during each latency window
 * @param window {@code bench.window}: how long changes are made per checkpoint interval (60s, 5m,
 *     ...)
 * @param intervalsSeconds {@code bench.intervals}: the checkpoint intervals to measure latency at
 * @param pollMillis {@code bench.poll-ms}: how often the lake is listed for new committed files
 * @param connectorOverrides {@code bench.connector.<key>=<value>}: connector settings the snapshot
 *     run registers over the shipped connector file, to measure one knob at a time ({@code
 *     bench.intervals=none} skips the latency runs)
 */
record BenchSettings(
        int snapshotRows,
        int snapshotIntervalSeconds,
        double rate,
        Duration window,
        List<Integer> intervalsSeconds,
        int pollMillis,
        Map<String, String> connectorOverrides) {

    private static final String CONNECTOR_PREFIX = "bench.connector.";

    static BenchSettings fromSystemProperties() {
        try {
            return new BenchSettings(
                    Integer.getInteger("bench.snapshot.rows", 1_000_000),
                    Integer.getInteger("bench.snapshot.interval", 10),
                    Double.parseDouble(System.getProperty("bench.rate", "50")),
                    DurationConverter.parse(System.getProperty("bench.window", "60s")),
                    intervals(System.getProperty("bench.intervals", "1,5,10")),
                    Integer.getInteger("bench.poll-ms", 200),
                    propertiesWithPrefix(CONNECTOR_PREFIX));
        } catch (picocli.CommandLine.TypeConversionException e) {
            throw new IllegalArgumentException("bench.window: " + e.getMessage(), e);
        }
    }

    private static List<Integer> intervals(String list) {
        if (list.isBlank() || list.equals("none")) {
            return List.of();
        }
        return Arrays.stream(list.split(",")).map(String::trim).map(Integer::valueOf).toList();
    }

    /**
     * The system properties {@code <prefix><key>=<value>} as {@code key=value}: settings given one
     * at a time on the command line ({@code bench.connector.}, {@code bench.job.}).
     */
    static Map<String, String> propertiesWithPrefix(String prefix) {
        Map<String, String> settings = new TreeMap<>();
        System.getProperties()
                .stringPropertyNames()
                .forEach(
                        name -> {
                            if (name.startsWith(prefix)) {
                                settings.put(
                                        name.substring(prefix.length()), System.getProperty(name));
                            }
                        });
        return settings;
    }
}
