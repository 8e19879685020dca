package io.cdclake.job.decode;

import io.cdclake.job.source.KafkaChange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Real Debezium records captured into {@code src/test/resources/debezium/} (see its README). */
public final class Fixtures {

    /** Every fixture of a table, a heartbeat, transaction metadata or a logical message. */
    static final List<String> ALL =
            List.of(
                    "numeric",
                    "numeric-decimal-double",
                    "numeric-decimal-string",
                    "temporal",
                    "temporal-time-connect",
                    "text",
                    "binary",
                    "array",
                    "json",
                    "ops",
                    "ops-pk-change",
                    "ops-replica-identity-full",
                    "toast",
                    "transaction-data-event",
                    "heartbeat",
                    "transaction",
                    "message");

    private Fixtures() {}

    /** Every record of every fixture but tombstones, each on a topic named after its fixture. */
    public static List<KafkaChange> allRecords() {
        List<KafkaChange> records = new ArrayList<>();
        for (String fixture : ALL) {
            for (KafkaChange change :
                    load(fixture, "postgres.public." + fixture.replace('-', '_'))) {
                if (change.value != null) {
                    records.add(change);
                }
            }
        }
        return records;
    }

    /**
     * The records of a fixture file as Kafka changes on {@code topic}, offsets counting from 0;
     * {@code null} lines are tombstones.
     */
    public static List<KafkaChange> load(String name, String topic) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/debezium/" + name + ".jsonl")) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            List<String> keys = lines("/debezium/" + name + ".keys.jsonl");
            List<KafkaChange> changes = new ArrayList<>();
            long offset = 0;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                byte[] value = line.equals("null") ? null : line.getBytes(StandardCharsets.UTF_8);
                String key = offset < keys.size() ? keys.get((int) offset) : "null";
                byte[] keyBytes = key.equals("null") ? null : key.getBytes(StandardCharsets.UTF_8);
                changes.add(new KafkaChange(topic, 0, offset++, keyBytes, value));
            }
            return changes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The Kafka keys captured with a fixture, one line per record; none for a fixture without keys.
     */
    private static List<String> lines(String resource) throws IOException {
        try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                return List.of();
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> !l.isBlank())
                    .toList();
        }
    }

    static String text(KafkaChange change) {
        return new String(change.value, StandardCharsets.UTF_8);
    }
}
