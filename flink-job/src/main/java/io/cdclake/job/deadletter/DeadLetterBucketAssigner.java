package io.cdclake.job.deadletter;

import io.cdclake.format.LakePaths;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.SimpleVersionedStringSerializer;

/**
 * {@code _dead_letter/dt=<UTC day the event failed>} (a malformed event has no commit time to
 * trust), or {@code _sent_again/dt=<day>} for copies Kafka Connect sent again: the sink's base is
 * the lake root, so the two kinds never share a folder.
 */
public final class DeadLetterBucketAssigner implements BucketAssigner<DeadLetter, String> {

    private static final long serialVersionUID = 1L;

    @Override
    public String getBucketId(DeadLetter letter, Context context) {
        return (letter.sentAgain ? LakePaths.SENT_AGAIN_FOLDER : LakePaths.DEAD_LETTER_FOLDER)
                + "/"
                + LakePaths.dayFolder(letter.failedAtMs);
    }

    @Override
    public SimpleVersionedSerializer<String> getSerializer() {
        return SimpleVersionedStringSerializer.INSTANCE;
    }
}
