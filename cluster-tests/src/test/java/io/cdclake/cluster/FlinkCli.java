package io.cdclake.cluster;

import io.cdclake.stack.ChildJvm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bin/flink}: Flink's command-line client (CliFrontend) in a JVM of its own, with lib/ as
 * its classpath and the cluster's conf/ as FLINK_CONF_DIR, like the script runs it.
 */
final class FlinkCli {

    private static final Pattern SUBMITTED =
            Pattern.compile("Job has been submitted with JobID ([0-9a-f]{32})");
    private static final Pattern SAVEPOINT = Pattern.compile("Savepoint completed\\. Path: (\\S+)");

    private final StandaloneCluster cluster;
    private final AtomicInteger runs = new AtomicInteger();

    FlinkCli(StandaloneCluster cluster) {
        this.cluster = cluster;
    }

    /** {@code flink run -d [options] <jar> <job args>}; returns the job id. */
    String runDetached(List<String> options, List<String> jobArgs) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", "-d"));
        args.addAll(options);
        args.add(cluster.distribution().jobJar().toString());
        args.addAll(jobArgs);
        return find(SUBMITTED, flink(args));
    }

    /** {@code flink stop --savepointPath <dir> <job id>}; returns the savepoint's path. */
    String stopWithSavepoint(String jobId, String savepointDir) throws Exception {
        return find(SAVEPOINT, flink(List.of("stop", "--savepointPath", savepointDir, jobId)));
    }

    /** Runs bin/flink with {@code args}; fails unless it exits with 0. Returns its output. */
    String flink(List<String> args) throws Exception {
        String name = "flink-cli-" + runs.incrementAndGet() + "-" + args.get(0);
        try (ChildJvm cli =
                ChildJvm.builder(name, "org.apache.flink.client.cli.CliFrontend")
                        .workDir(cluster.home())
                        .jvmOptions(cluster.jvmOptions(name, "-Xmx256m"))
                        .classpath(cluster.distribution().classpath())
                        .environment(cluster.environment())
                        .args(args)
                        .start()) {
            int exit = cli.awaitExit(Duration.ofMinutes(4));
            String output = cli.output();
            if (exit != 0) {
                throw new AssertionError(
                        "flink "
                                + String.join(" ", args)
                                + " exited with "
                                + exit
                                + ":\n"
                                + output);
            }
            return output;
        }
    }

    private static String find(Pattern pattern, String output) {
        Matcher m = pattern.matcher(output);
        if (!m.find()) {
            throw new AssertionError(
                    "expected '" + pattern + "' in the output of flink:\n" + output);
        }
        return m.group(1);
    }
}
