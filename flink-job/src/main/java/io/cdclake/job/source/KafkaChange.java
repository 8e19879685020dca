package io.cdclake.job.source;

/**
 * One Kafka record as it left the broker: where it came from and its raw value, still unparsed so
 * that decoding (and its dead letters) happens in one place. A null value is a tombstone.
 */
public final class KafkaChange {

    public String topic;
    public int partition;
    public long offset;
    public byte[] value;

    public KafkaChange() {}

    public KafkaChange(String topic, int partition, long offset, byte[] value) {
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.value = value;
    }

    public boolean isTombstone() {
        return value == null;
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }
}
