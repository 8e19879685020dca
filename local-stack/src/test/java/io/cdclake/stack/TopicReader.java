package io.cdclake.stack;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads single-partition topics from remembered offsets, so several connector runs can share topics
 * and each capture only sees what its own run produced.
 */
final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;

    TopicReader(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        consumer = new KafkaConsumer<>(props);
    }

    /** The current end offset of each topic; 0 for topics that do not exist yet. */
    Map<String, Long> endOffsets(Collection<String> topics) {
        Map<String, List<PartitionInfo>> existing = consumer.listTopics(Duration.ofSeconds(10));
        Map<String, Long> marks = new HashMap<>();
        for (String topic : topics) {
            if (existing.containsKey(topic)) {
                TopicPartition tp = new TopicPartition(topic, 0);
                marks.put(topic, consumer.endOffsets(List.of(tp), Duration.ofSeconds(10)).get(tp));
            } else {
                marks.put(topic, 0L);
            }
        }
        return marks;
    }

    /**
     * Records of {@code topic} from {@code from} on, until {@code done} accepts the list read so
     * far.
     */
    List<ConsumerRecord<String, String>> read(
            String topic,
            long from,
            Predicate<List<ConsumerRecord<String, String>>> done,
            Duration timeout)
            throws InterruptedException {
        long started = System.nanoTime();
        TopicPartition tp = new TopicPartition(topic, 0);
        // The consumer is not thread-safe: every check runs on the caller's thread.
        await().alias("topic " + topic + " created")
                .atMost(timeout)
                .pollInSameThread()
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> consumer.listTopics(Duration.ofSeconds(10)).containsKey(topic));
        consumer.assign(List.of(tp));
        consumer.seek(tp, from);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        // One timeout for both waits, as the caller gave it; the consumer's poll is the pause
        // between checks.
        Duration left = timeout.minusNanos(System.nanoTime() - started);
        await().alias("the records wanted on " + topic + " (records so far)")
                .atMost(left.compareTo(Duration.ofMillis(1)) > 0 ? left : Duration.ofMillis(1))
                .pollInSameThread()
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(1))
                .until(
                        () -> {
                            consumer.poll(Duration.ofMillis(200)).records(tp).forEach(records::add);
                            return records;
                        },
                        done);
        return records;
    }

    List<ConsumerRecord<String, String>> read(String topic, long from, int count, Duration timeout)
            throws InterruptedException {
        List<ConsumerRecord<String, String>> records =
                read(topic, from, r -> r.size() >= count, timeout);
        return records.subList(0, count);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
