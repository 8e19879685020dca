package io.cdclake.cluster;

import io.cdclake.job.testing.TitanicChangeEvents;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Debezium events of public.customers sent to Kafka, counting the lake rows they must become. */
final class CustomerChanges implements AutoCloseable {

    static final String TOPIC = TitanicChangeEvents.TOPIC;

    private final KafkaProducer<byte[], byte[]> producer;
    private final TitanicChangeEvents events =
            new TitanicChangeEvents(7, Instant.parse("2026-11-24T10:00:00Z").toEpochMilli());
    private long index;
    private int expectedRows;

    CustomerChanges(String bootstrapServers) {
        producer =
                new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                                        ByteArraySerializer.class.getName(),
                                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                                        ByteArraySerializer.class.getName()));
    }

    /**
     * Inserts passengers {@code first} to {@code first + count - 1} and updates every fifth of
     * them, keyed by id so both partitions get some. An update becomes two rows (before and after).
     */
    void insertAndUpdate(int first, int count) throws Exception {
        for (int id = first; id < first + count; id++) {
            send(id, "c");
            expectedRows++;
        }
        for (int id = first; id < first + count; id += 5) {
            send(id, "u");
            expectedRows += 2;
        }
        producer.flush();
    }

    private void send(int id, String op) throws Exception {
        byte[] key = ("{\"PassengerId\":" + id + "}").getBytes(StandardCharsets.UTF_8);
        producer.send(new ProducerRecord<>(TOPIC, key, events.event(op, id, index++)))
                .get(30, TimeUnit.SECONDS);
    }

    int expectedRows() {
        return expectedRows;
    }

    @Override
    public void close() {
        producer.close();
    }
}
