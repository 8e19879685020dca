package io.cdclake.job.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdclake.job.options.LakeOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
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
 * job's fetch sizes and isolation level, or consumer properties given after the mode. Prints {@code
 * CEILING <events/s>}, and {@code GC <ms> <collections> BYTES <value bytes>} for the read.
 *
 * <p>{@code CeilingConsumer <bootstrap servers> <topic> <events> bytes|tree [key=value ...]}
 */
public final class CeilingConsumer {

    static final String RESULT_PREFIX = "CEILING ";
    static final String GC_PREFIX = "GC ";

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime)
                .sum();
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount)
                .sum();
    }

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
        for (int i = 4; i < args.length; i++) {
            int equals = args[i].indexOf('=');
            props.put(args[i].substring(0, equals), args[i].substring(equals + 1));
        }
        long gcMillis = -gcMillis();
        long gcCount = -gcCount();
        long valueBytes = 0;
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
                    read++;
                    if (value == null) {
                        continue; // a tombstone
                    }
                    valueBytes += value.length;
                    // Something of every record must be used, or the JIT may skip the read.
                    checksum += parse ? json.readTree(value).size() : value[value.length - 1];
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        gcMillis += gcMillis();
        gcCount += gcCount();
        System.out.println("checksum " + checksum);
        System.out.println(GC_PREFIX + gcMillis + " " + gcCount + " BYTES " + valueBytes);
        System.out.println(RESULT_PREFIX + (read / seconds));
    }
}
