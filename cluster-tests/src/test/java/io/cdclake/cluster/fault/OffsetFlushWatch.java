package io.cdclake.cluster.fault;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Watches the Kafka Connect worker's offsets topic for the source offsets it flushes for one
 * connector. Without exactly-once source support a worker writes them there every {@code
 * offset.flush.interval.ms} (when anything new was acknowledged), keyed {@code ["<connector>",
 * {...source partition...}]}; what the task sent after the last of them is what a replacement
 * worker sends again.
 */
final class OffsetFlushWatch implements AutoCloseable {

    /** The worker's {@code offset.storage.topic}, as local-stack's ConnectService sets it. */
    static final String OFFSETS_TOPIC = "cdc-lake-connect-offsets";

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String connectorKey;

    private OffsetFlushWatch(KafkaConsumer<byte[], byte[]> consumer, String connector) {
        this.consumer = consumer;
        this.connectorKey = "\"" + connector + "\"";
    }

    /** Watches from the topic's end as it is now: only later flushes are seen. */
    static OffsetFlushWatch fromNow(String bootstrapServers, String connector) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "offset-flush-watch");
        KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(OFFSETS_TOPIC, Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(OFFSETS_TOPIC, p.partition())));
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            // seekToEnd is lazy: fix the position now, not at the first poll.
            for (TopicPartition partition : partitions) {
                consumer.position(partition, Duration.ofSeconds(30));
            }
            return new OffsetFlushWatch(consumer, connector);
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    /**
     * Waits for the next offsets flushed for the connector; returns the record's timestamp (the
     * worker's clock, epoch milliseconds).
     */
    long awaitNext(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                if (record.key() != null
                        && record.value() != null
                        && new String(record.key(), StandardCharsets.UTF_8)
                                .contains(connectorKey)) {
                    return record.timestamp();
                }
            }
        }
        throw new AssertionError(
                "Kafka Connect flushed no offsets for "
                        + connectorKey
                        + " to "
                        + OFFSETS_TOPIC
                        + " within "
                        + timeout);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
