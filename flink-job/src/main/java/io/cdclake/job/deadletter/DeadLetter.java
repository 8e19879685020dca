package io.cdclake.job.deadletter;

import io.cdclake.job.source.KafkaChange;

/**
 * A change event kept out of the lake's tables, with why, whole for inspection and replay: one the
 * job could not decode or represent, or one Kafka Connect sent again ({@link #sentAgain}).
 */
public final class DeadLetter {

    public String reason;
    public boolean sentAgain;
    public String topic;
    public int partition;
    public long offset;
    public byte[] value;
    public long failedAtMs;

    public DeadLetter() {}

    public static DeadLetter of(KafkaChange change, String reason, long failedAtMs) {
        DeadLetter letter = new DeadLetter();
        letter.reason = reason;
        letter.topic = change.topic;
        letter.partition = change.partition;
        letter.offset = change.offset;
        letter.value = change.value;
        letter.failedAtMs = failedAtMs;
        return letter;
    }

    /** An event the replay filter recognized as a copy of one already in the lake. */
    public static DeadLetter sentAgain(KafkaChange change, String reason, long atMs) {
        DeadLetter letter = of(change, reason, atMs);
        letter.sentAgain = true;
        return letter;
    }
}
