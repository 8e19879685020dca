package io.cdclake.cluster.fault;

import io.cdclake.stack.ConnectService;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * local-stack's ConnectWorkerMain with worker properties of its own: {@code
 * ConnectWorkerWithOverrides <bootstrap servers> <REST port> [key=value ...]}, each {@code
 * key=value} overriding the worker property of ConnectService's defaults (for example {@code
 * exactly.once.source.support=disabled}). A child JVM runs it from the test classpath, so it is
 * public: ChildProcessLauncher calls its {@code main} by reflection.
 */
public final class ConnectWorkerWithOverrides {

    /** As ConnectWorkerMain's: a successor of a killed worker may wait for its transaction. */
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    private ConnectWorkerWithOverrides() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException(
                    "usage: ConnectWorkerWithOverrides <bootstrap servers> <REST port>"
                            + " [key=value ...]");
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 2; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value, got " + args[i]);
            }
            overrides.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        ConnectService connect =
                ConnectService.start(args[0], Integer.parseInt(args[1]), overrides, READY_TIMEOUT);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    connect.close();
                                    stopped.countDown();
                                },
                                "connect-shutdown"));
        System.out.println(
                "Kafka Connect serving on " + connect.restUrl() + " with overrides " + overrides);
        stopped.await();
    }
}
