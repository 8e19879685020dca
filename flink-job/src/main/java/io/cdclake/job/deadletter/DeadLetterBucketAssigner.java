package io.cdclake.job.deadletter;

import io.cdclake.format.LakePaths;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.SimpleVersionedStringSerializer;

/** {@code dt=<UTC day the event failed>}: a malformed event has no commit time to trust. */
public final class DeadLetterBucketAssigner implements BucketAssigner<DeadLetter, String> {

    private static final long serialVersionUID = 1L;

    @Override
    public String getBucketId(DeadLetter letter, Context context) {
        return LakePaths.dayFolder(letter.failedAtMs);
    }

    @Override
    public SimpleVersionedSerializer<String> getSerializer() {
        return SimpleVersionedStringSerializer.INSTANCE;
    }
}
