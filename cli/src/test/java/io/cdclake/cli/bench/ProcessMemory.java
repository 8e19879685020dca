package io.cdclake.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Peak memory of processes, from Linux's /proc. VmHWM is a process's own peak resident set, but
 * PostgreSQL's processes share their buffer pool, so VmHWM summed over them counts it once per
 * process: this also samples PSS (shared pages divided among the processes sharing them), whose sum
 * over the tree is the memory the server really held at the moment of a sample.
 */
final class ProcessMemory implements AutoCloseable {

    private final long postmaster;
    private final Map<Long, Long> peakHwmKbByPid = new HashMap<>();
    private final AtomicLong peakPssSumKb = new AtomicLong();
    private final Thread sampler;
    private volatile boolean running = true;

    /** Samples the postmaster and its children every {@code periodMillis} until closed. */
    ProcessMemory(long postmasterPid, long periodMillis) {
        this.postmaster = postmasterPid;
        this.sampler =
                new Thread(
                        () -> {
                            while (running) {
                                sample();
                                try {
                                    Thread.sleep(periodMillis);
                                } catch (InterruptedException e) {
                                    return;
                                }
                            }
                        },
                        "bench-memory-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        long pssSum = 0;
        ProcessHandle root = ProcessHandle.of(postmaster).orElse(null);
        if (root == null) {
            return;
        }
        var tree = new java.util.ArrayList<ProcessHandle>();
        tree.add(root);
        root.descendants().forEach(tree::add);
        synchronized (peakHwmKbByPid) {
            for (ProcessHandle p : tree) {
                long hwm = statusKb(p.pid(), "VmHWM:");
                if (hwm > 0) {
                    peakHwmKbByPid.merge(p.pid(), hwm, Math::max);
                }
                pssSum += Math.max(0, rollupKb(p.pid(), "Pss:"));
            }
        }
        peakPssSumKb.accumulateAndGet(pssSum, Math::max);
    }

    /** Peak figures of PostgreSQL in MB; see the class comment for which one to trust. */
    Map<String, Object> postgresPeaksMb() {
        sample();
        Map<String, Object> out = new LinkedHashMap<>();
        synchronized (peakHwmKbByPid) {
            long largestBackend =
                    peakHwmKbByPid.entrySet().stream()
                            .filter(e -> e.getKey() != postmaster)
                            .mapToLong(Map.Entry::getValue)
                            .max()
                            .orElse(0);
            out.put("postgres_postmaster_vmhwm", mb(peakHwmKbByPid.getOrDefault(postmaster, 0L)));
            out.put("postgres_largest_child_vmhwm", mb(largestBackend));
            out.put(
                    "postgres_sum_vmhwm_overestimate",
                    mb(peakHwmKbByPid.values().stream().mapToLong(Long::longValue).sum()));
            out.put("postgres_processes_seen", peakHwmKbByPid.size());
        }
        out.put("postgres_total_pss_peak_sampled", mb(peakPssSumKb.get()));
        return out;
    }

    static long vmHwmMb(String pid) {
        return mb(statusKb(pid, "VmHWM:"));
    }

    private static long statusKb(long pid, String key) {
        return statusKb(String.valueOf(pid), key);
    }

    private static long statusKb(String pid, String key) {
        return field(Path.of("/proc", pid, "status"), key);
    }

    private static long rollupKb(long pid, String key) {
        return field(Path.of("/proc", String.valueOf(pid), "smaps_rollup"), key);
    }

    /**
     * A {@code Key: 123 kB} line's number, or -1 when the process is gone or the file unreadable.
     */
    private static long field(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static long mb(long kb) {
        return kb < 0 ? -1 : Math.round(kb / 1024.0);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.interrupt();
        sampler.join(5_000);
    }
}
