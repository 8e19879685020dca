package io.cdclake.job.source;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Keeps the raw value and its coordinates; it never fails, so a bad record cannot stop the source.
 */
public final class KafkaChangeDeserializer
        implements KafkaRecordDeserializationSchema<KafkaChange> {

    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<KafkaChange> out) {
        out.collect(
                new KafkaChange(
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        record.key(),
                        record.value()));
    }

    @Override
    public TypeInformation<KafkaChange> getProducedType() {
        return TypeInformation.of(KafkaChange.class);
    }
}
