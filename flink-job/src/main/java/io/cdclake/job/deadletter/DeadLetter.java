package io.cdclake.job.deadletter;

import io.cdclake.job.source.KafkaChange;

/** A change event the job could not decode, with why, kept whole for inspection and replay. */
public final class DeadLetter {

    public String reason;
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
}
