package io.cdclake.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time (user + system) that processes used between two readings, from Linux's /proc: where the
 * two cores went during a measurement. A process tree (PostgreSQL's postmaster and its backends)
 * counts as one.
 */
final class ProcessCpu {

    /** Linux reports /proc times in clock ticks, 100 per second on every common configuration. */
    private static final double TICKS_PER_SECOND = 100.0;

    /** A process to count, alone or with every process below it. */
    record Counted(String name, long pid, boolean withDescendants) {}

    private final List<Counted> processes;
    private final Map<String, Double> start;

    private ProcessCpu(List<Counted> processes) {
        this.processes = processes;
        this.start = readAll();
    }

    /** Starts counting. */
    static ProcessCpu start(List<Counted> processes) {
        return new ProcessCpu(processes);
    }

    /** CPU seconds per process tree since {@link #start}, and their sum. */
    Map<String, Object> secondsSinceStart() {
        Map<String, Double> now = readAll();
        Map<String, Object> out = new LinkedHashMap<>();
        double total = 0;
        for (var entry : now.entrySet()) {
            double used = entry.getValue() - start.getOrDefault(entry.getKey(), 0.0);
            out.put(entry.getKey(), SnapshotRun.round(used));
            total += used;
        }
        out.put("total", SnapshotRun.round(total));
        return out;
    }

    private Map<String, Double> readAll() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (Counted p : processes) {
            seconds.put(p.name(), p.withDescendants() ? treeSeconds(p.pid()) : ownSeconds(p.pid()));
        }
        return seconds;
    }

    private static double treeSeconds(long pid) {
        List<Long> pids = new ArrayList<>();
        pids.add(pid);
        ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(d -> pids.add(d.pid())));
        double seconds = 0;
        for (long p : pids) {
            seconds += ownSeconds(p);
        }
        return seconds;
    }

    /** utime + stime of one process; 0 when it is gone. */
    private static double ownSeconds(long pid) {
        try {
            return statSeconds(Files.readString(Path.of("/proc", String.valueOf(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** utime + stime of a process's or thread's /proc {@code stat} line, in seconds. */
    static double statSeconds(String stat) {
        // The command name (field 2) may hold spaces; the fields after it are plain numbers.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // Fields 14 and 15 of the line: utime, stime (here shifted by the two cut off).
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    }
}
