package io.cdclake.cli.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * CPU time of this JVM's threads by component (the benchmark JVM holds Kafka, Kafka Connect with
 * Debezium and the Flink mini cluster), read every second so that threads which end before the
 * measurement does still count (up to their last reading). Java threads are named by what runs
 * them; the JVM's own threads (garbage collection, JIT compiler) are read from Linux's /proc.
 */
final class ThreadCpu implements AutoCloseable {

    /** Components by thread name, first match wins; the rest is "other". */
    private static final List<Map.Entry<String, Pattern>> COMPONENTS =
            List.of(
                    Map.entry("flink_task_decode", Pattern.compile("^Source: .*")),
                    Map.entry("flink_parquet_encoder", Pattern.compile("^PARQUET encoder.*")),
                    Map.entry("flink_csv_encoder", Pattern.compile("^CSV encoder.*")),
                    Map.entry("flink_kafka_fetcher", Pattern.compile("^Source Data Fetcher.*")),
                    Map.entry(
                            "debezium_snapshot_and_stream_reader", Pattern.compile("^debezium.*")),
                    Map.entry("connect_task", Pattern.compile("^task-thread-.*")),
                    Map.entry(
                            "connect_producer",
                            Pattern.compile("^kafka-producer-network-thread.*")),
                    Map.entry(
                            "kafka_broker",
                            Pattern.compile(
                                    "^(data-plane-kafka|kafka-request-handler|kafka-network-thread"
                                            + "|kafka-\\d+-raft|ReplicaFetcher|ExpirationReaper"
                                            + "|LogDirFailureHandler|kafka-log|group-coordinator"
                                            + "|share-coordinator|transaction-log|broker-\\d+).*")),
                    Map.entry(
                            "flink_other",
                            Pattern.compile(
                                    "^(flink-|Flink|.*Committer|.*Writer|mini-cluster"
                                            + "|jobmanager|Checkpoint|AsyncOperations"
                                            + "|Dead letters|s3a-|Legacy Source).*")));

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, String> names = new HashMap<>();
    private final Map<Long, Long> firstNanos = new HashMap<>();
    private final Map<Long, Long> lastNanos = new HashMap<>();
    private final Map<String, Double> jvmThreadsAtStart;
    private final double processAtStart;
    private final ScheduledExecutorService reader =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread t = new Thread(r, "bench-thread-cpu");
                        t.setDaemon(true);
                        return t;
                    });

    private ThreadCpu() {
        this.processAtStart = processSeconds();
        this.jvmThreadsAtStart = jvmOwnThreads();
        read(true);
        reader.scheduleAtFixedRate(() -> read(false), 1, 1, TimeUnit.SECONDS);
    }

    static ThreadCpu start() {
        return new ThreadCpu();
    }

    /**
     * @param atStart whether this is the first reading, whose times are the baseline
     */
    private synchronized void read(boolean atStart) {
        for (long id : threads.getAllThreadIds()) {
            long nanos = threads.getThreadCpuTime(id);
            if (nanos < 0) {
                continue;
            }
            if (!names.containsKey(id)) {
                var info = threads.getThreadInfo(id);
                if (info == null) {
                    continue;
                }
                names.put(id, info.getThreadName());
                // A thread first seen after the start began after it: all its time counts.
                firstNanos.put(id, atStart ? nanos : 0L);
            }
            if (names.get(id).startsWith("pool-")) {
                // Debezium reads a snapshot on a thread of an unnamed pool: its stack tells.
                var info = threads.getThreadInfo(id, 40);
                if (info != null && runsDebezium(info.getStackTrace())) {
                    names.put(id, "debezium snapshot " + names.get(id));
                }
            }
            lastNanos.put(id, nanos);
        }
    }

    /**
     * CPU seconds per component since {@link #start}, the JVM's own threads, the threads that used
     * the most, and the whole process.
     */
    synchronized Map<String, Object> secondsSinceStart() {
        read(false);
        Map<String, Double> byComponent = new LinkedHashMap<>();
        COMPONENTS.forEach(c -> byComponent.put(c.getKey(), 0.0));
        byComponent.put("other_java_threads", 0.0);
        Map<String, Double> byThread = new HashMap<>();
        double java = 0;
        for (var entry : lastNanos.entrySet()) {
            double seconds = (entry.getValue() - firstNanos.get(entry.getKey())) / 1e9;
            String name = names.get(entry.getKey());
            byComponent.merge(component(name), seconds, Double::sum);
            byThread.merge(name.replaceAll("\\d+", "N"), seconds, Double::sum);
            java += seconds;
        }
        Map<String, Double> jvmNow = jvmOwnThreads();
        double gc = jvmNow.get("gc") - jvmThreadsAtStart.get("gc");
        double jit = jvmNow.get("jit") - jvmThreadsAtStart.get("jit");
        double process = processSeconds() - processAtStart;
        Map<String, Object> out = new LinkedHashMap<>();
        byComponent.forEach((k, v) -> out.put(k, SnapshotRun.round(v)));
        out.put("jvm_garbage_collection", SnapshotRun.round(gc));
        out.put("jvm_jit_compiler", SnapshotRun.round(jit));
        out.put(
                "jvm_unaccounted (threads gone between readings, other native threads)",
                SnapshotRun.round(process - java - gc - jit));
        out.put("process_total", SnapshotRun.round(process));
        out.put(
                "top_threads",
                byThread.entrySet().stream()
                        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                        .limit(15)
                        .collect(
                                Collectors.toMap(
                                        Map.Entry::getKey,
                                        e -> SnapshotRun.round(e.getValue()),
                                        (a, b) -> a,
                                        LinkedHashMap::new)));
        return out;
    }

    private static boolean runsDebezium(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            if (frame.getClassName().startsWith("io.debezium.")) {
                return true;
            }
        }
        return false;
    }

    private static String component(String name) {
        for (var c : COMPONENTS) {
            if (c.getValue().matcher(name).matches()) {
                return c.getKey();
            }
        }
        return "other_java_threads";
    }

    /** CPU seconds of the JVM's garbage collection and JIT compiler threads, from /proc. */
    private static Map<String, Double> jvmOwnThreads() {
        double gc = 0;
        double jit = 0;
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                String comm;
                double seconds;
                try {
                    comm = Files.readString(task.resolve("comm")).trim();
                    seconds = ProcessCpu.statSeconds(Files.readString(task.resolve("stat")));
                } catch (IOException e) {
                    continue; // the thread ended
                }
                if (comm.startsWith("GC Thread") || comm.startsWith("G1 ")) {
                    gc += seconds;
                } else if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
                    jit += seconds;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list this JVM's threads in /proc", e);
        }
        return Map.of("gc", gc, "jit", jit);
    }

    private static double processSeconds() {
        try {
            return ProcessCpu.statSeconds(Files.readString(Path.of("/proc/self/stat")));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read this JVM's CPU time in /proc", e);
        }
    }

    @Override
    public void close() {
        reader.shutdownNow();
    }
}
