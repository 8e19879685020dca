package io.cdclake.cluster.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The Debezium change records of one topic as Kafka holds them, before the job sees them: how many
 * there are and how many of them are copies of another, the same change Kafka Connect sent twice.
 * Two records are the same change when their {@code source.lsn} (each change of the load has a WAL
 * position of its own), {@code op}, key, {@code before} and {@code after} are equal; the envelope's
 * {@code ts_ms} (when Debezium processed the event) is left out, as a copy gets a new one, and so
 * is {@code source.sequence}, which the replay filter relies on: whether a copy repeats it is for
 * the lake's count to show, not for this one to assume. The first record of a change in its
 * partition is the original, every later one a copy, which is what the replay filter sets aside.
 * Tombstones (the null value after a delete) are counted apart: the job skips them.
 *
 * <p>Reads incrementally: each {@link #readToEnd} goes on from where the last one stopped. One
 * thread at a time (a Kafka consumer is not thread-safe): awaits polling it run in the caller's
 * thread.
 */
final class TopicCopies implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where a record is in the topic. */
    record At(int partition, long offset) {}

    /** One change and the records that carry it. */
    private static final class Change {
        final String op;
        final long lsn;
        final At original;
        final List<At> copies = new ArrayList<>(1);

        Change(String op, long lsn, At original) {
            this.op = op;
            this.lsn = lsn;
            this.original = original;
        }

        boolean streamed() {
            return !op.equals("r");
        }
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions;
    private final boolean readCommitted;
    private final Map<String, Change> changes = new HashMap<>();
    private long records;
    private long tombstones;

    private TopicCopies(
            KafkaConsumer<byte[], byte[]> consumer,
            List<TopicPartition> partitions,
            boolean readCommitted) {
        this.consumer = consumer;
        this.partitions = partitions;
        this.readCommitted = readCommitted;
    }

    /**
     * @param readCommitted {@code read_committed}, as the job reads; {@code read_uncommitted} also
     *     sees the records of transactions that were aborted
     */
    static TopicCopies open(String bootstrapServers, String topic, boolean readCommitted) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                readCommitted ? "read_committed" : "read_uncommitted");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(
                ConsumerConfig.CLIENT_ID_CONFIG,
                "topic-copies-" + (readCommitted ? "committed" : "uncommitted"));
        KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            return new TopicCopies(consumer, partitions, readCommitted);
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    /**
     * Reads every record up to the topic's end as of now: the high watermark, or for {@code
     * read_committed} the last stable offset (an open transaction holds it back).
     */
    TopicCopies readToEnd(Duration timeout) {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!reached(end)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "did not read " + partitions + " up to " + end + " within " + timeout);
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                add(record);
            }
        }
        return this;
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        for (TopicPartition partition : partitions) {
            if (consumer.position(partition, Duration.ofSeconds(30)) < end.get(partition)) {
                return false;
            }
        }
        return true;
    }

    private void add(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            tombstones++;
            return;
        }
        records++;
        JsonNode payload = tree(record.value()).path("payload");
        JsonNode source = payload.path("source");
        String op = payload.path("op").asText("");
        long lsn = source.path("lsn").asLong(-1);
        String key = record.key() == null ? "null" : tree(record.key()).path("payload").toString();
        String identity =
                digest(
                        String.valueOf(lsn),
                        op,
                        key,
                        payload.path("before").toString(),
                        payload.path("after").toString());
        At at = new At(record.partition(), record.offset());
        Change change = changes.get(identity);
        if (change == null) {
            changes.put(identity, new Change(op, lsn, at));
        } else {
            change.copies.add(at);
        }
    }

    /** Change records read (tombstones not included). */
    long records() {
        return records;
    }

    long tombstones() {
        return tombstones;
    }

    /** Distinct changes among the records. */
    long distinct() {
        return changes.size();
    }

    /** Records that repeat a change an earlier record of the topic carries. */
    long copies() {
        return records - changes.size();
    }

    /** Where the copies are: every record of a change but its first. */
    Set<At> copyOffsets() {
        Set<At> copies = new HashSet<>();
        for (Change change : changes.values()) {
            copies.addAll(change.copies);
        }
        return copies;
    }

    /**
     * Distinct streamed changes (not snapshot reads) whose LSN lies in {@code [fromLsn, toLsn)}.
     */
    long distinctChangesBetween(long fromLsn, long toLsn) {
        return changes.values().stream()
                .filter(c -> c.streamed() && c.lsn >= fromLsn && c.lsn < toLsn)
                .count();
    }

    /** Copies of the streamed changes whose LSN lies in {@code [fromLsn, toLsn)}. */
    long copiesBetween(long fromLsn, long toLsn) {
        return changes.values().stream()
                .filter(c -> c.streamed() && c.lsn >= fromLsn && c.lsn < toLsn)
                .mapToLong(c -> c.copies.size())
                .sum();
    }

    /**
     * Per partition, the offset of the last original record of a streamed change whose LSN lies in
     * {@code [fromLsn, toLsn)}: once the lake holds a row from it, the job has read and committed
     * everything before it in that partition.
     */
    Map<Integer, Long> lastOriginals(long fromLsn, long toLsn) {
        Map<Integer, Long> last = new HashMap<>();
        for (Change change : changes.values()) {
            if (change.streamed() && change.lsn >= fromLsn && change.lsn < toLsn) {
                last.merge(change.original.partition(), change.original.offset(), Math::max);
            }
        }
        return last;
    }

    @Override
    public String toString() {
        return String.format(
                "%d change records (%s): %d distinct changes, %d copies; %d tombstones",
                records,
                readCommitted ? "read_committed" : "read_uncommitted",
                distinct(),
                copies(),
                tombstones);
    }

    @Override
    public void close() {
        consumer.close();
    }

    private static JsonNode tree(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not a JSON record", e);
        }
    }

    private static String digest(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
