package io.cdclake.job.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdclake.job.options.LakeOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A ceiling for {@link JobThroughputBenchmark}, run in a JVM of its own: a bare {@link
 * KafkaConsumer} that reads a topic from the start to {@code events} records and either only
 * touches the bytes ({@code bytes}) or parses every value into a JSON tree ({@code tree}), with the
 * job's fetch sizes and isolation level. Prints {@code CEILING <events/s>}.
 *
 * <p>{@code CeilingConsumer <bootstrap servers> <topic> <events> bytes|tree}
 */
public final class CeilingConsumer {

    static final String RESULT_PREFIX = "CEILING ";

    private CeilingConsumer() {}

    public static void main(String[] args) {
        String bootstrap = args[0];
        String topic = args[1];
        long events = Long.parseLong(args[2]);
        boolean parse =
                switch (args[3]) {
                    case "tree" -> true;
                    case "bytes" -> false;
                    default -> throw new IllegalArgumentException("bytes or tree, not " + args[3]);
                };
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "ceiling-" + args[3] + "-" + System.nanoTime());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        props.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        // Fetched as the job fetches, so the ceilings and the job ask the broker alike.
        props.putAll(LakeOptions.KAFKA_CONSUMER_DEFAULTS);
        ObjectMapper json = new ObjectMapper();
        long read = 0;
        long checksum = 0;
        long start = System.nanoTime();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            while (read < events) {
                for (ConsumerRecord<byte[], byte[]> record :
                        consumer.poll(Duration.ofMillis(500))) {
                    byte[] value = record.value();
                    // Something of every record must be used, or the JIT may skip the read.
                    checksum += parse ? json.readTree(value).size() : value[value.length - 1];
                    read++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.println("checksum " + checksum);
        System.out.println(RESULT_PREFIX + (read / seconds));
    }
}
