package io.cdclake.reader.verify;

/**
 * What identifies one row of the lake in either format: the Kafka record it came from and which of
 * its images it holds. A change event is one Kafka record; an update gives it two rows.
 */
record EventRowId(String topic, Integer partition, Long offset, String image) {

    static EventRowId of(LakeRecord row) {
        return new EventRowId(row.topic(), row.partition(), row.offset(), row.image());
    }

    /** Whether the row says where it came from at all. */
    boolean complete() {
        return topic != null && partition != null && offset != null;
    }

    /** {@code topic-partition@offset image}, as the report prints it. */
    String render() {
        return topic + "-" + partition + "@" + offset + (image == null ? "" : " " + image);
    }
}
