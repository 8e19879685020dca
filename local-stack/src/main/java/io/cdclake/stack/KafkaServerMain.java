package io.cdclake.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node KRaft broker as a process of its own, so it can be killed and started again on the
 * same ports and storage: {@code KafkaServerMain <storage dir> <broker port> <controller port>}.
 *
 * <p>Unlike {@link KafkaService}, storage is formatted only when it is not formatted yet: a restart
 * must find the topics, committed offsets and Connect's internal topics where they were.
 */
public final class KafkaServerMain {

    private KafkaServerMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException(
                    "usage: KafkaServerMain <storage dir> <broker port> <controller port>");
        }
        Path logDir = Path.of(args[0]).toAbsolutePath();
        int brokerPort = Integer.parseInt(args[1]);
        int controllerPort = Integer.parseInt(args[2]);
        Files.createDirectories(logDir);
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            KafkaService.format(logDir);
        }
        KafkaRaftServer server =
                new KafkaRaftServer(
                        new KafkaConfig(
                                KafkaService.brokerProperties(logDir, brokerPort, controllerPort),
                                false),
                        Time.SYSTEM);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    server.shutdown();
                                    server.awaitShutdown();
                                },
                                "kafka-shutdown"));
        server.startup();
        System.out.println("Kafka serving on 127.0.0.1:" + brokerPort);
        server.awaitShutdown();
    }
}
