package io.cdclake.job.source;

/**
 * One Kafka record as it left the broker: where it came from and its raw value, still unparsed so
 * that decoding (and its dead letters) happens in one place. A null value is a tombstone.
 */
public final class KafkaChange {

    public String topic;
    public int partition;
    public long offset;

    /**
     * Debezium's key: the row's primary key (or replica identity) as JSON; null for some topics.
     */
    public byte[] key;

    public byte[] value;

    public KafkaChange() {}

    public KafkaChange(String topic, int partition, long offset, byte[] value) {
        this(topic, partition, offset, null, value);
    }

    public KafkaChange(String topic, int partition, long offset, byte[] key, byte[] value) {
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.key = key;
        this.value = value;
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }
}
