package io.cdclake.stack;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A Kafka Connect worker as a process of its own, so it can be killed and started again: {@code
 * ConnectWorkerMain <bootstrap servers> <REST port>}. Its state (connectors, their configurations
 * and source offsets) lives in Kafka's internal topics, so a new worker of the same group picks up
 * where a killed one was. The database connection values come from the {@code CDC_LAKE_PG_*}
 * environment variables, which {@link LocalStackConfigProvider} falls back to.
 */
public final class ConnectWorkerMain {

    static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    private ConnectWorkerMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException(
                    "usage: ConnectWorkerMain <bootstrap servers> <REST port>");
        }
        // A worker started after another was killed reads the offsets topic with read_committed:
        // a transaction the killed task left open holds it back until the broker aborts it, after
        // the producer's transaction.timeout.ms (60 s). Ready later than that is still ready.
        ConnectService connect =
                ConnectService.start(args[0], Integer.parseInt(args[1]), Map.of(), READY_TIMEOUT);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    connect.close();
                                    stopped.countDown();
                                },
                                "connect-shutdown"));
        System.out.println("Kafka Connect serving on " + connect.restUrl());
        stopped.await();
    }
}
