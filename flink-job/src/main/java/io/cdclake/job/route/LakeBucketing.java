package io.cdclake.job.route;

import io.cdclake.format.LakePaths;
import io.cdclake.format.PathNames;
import io.cdclake.format.TableId;
import io.cdclake.job.decode.LakeRow;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.PartFileInfo;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.SimpleVersionedStringSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.CheckpointRollingPolicy;

/**
 * Routes rows to {@code <schema>.<table>/dt=<UTC day of the commit>} and decides when part files
 * roll: on every checkpoint (what exactly-once bulk files need), on size, time and inactivity, and
 * whenever a row's schema differs from the schema of the rows already in the bucket's open part
 * file, so that no file ever mixes two schemas.
 *
 * <p>Routing and rolling are one object because the second needs what the first sees: the file sink
 * consults the rolling policy for every row but the first of a part file, and only the assigner
 * sees that first row. Given as both assigner and policy of one sink, the two roles stay one
 * instance per subtask (Java serialization keeps shared references).
 */
public final class LakeBucketing extends CheckpointRollingPolicy<LakeRow, String>
        implements BucketAssigner<LakeRow, String> {

    private static final long serialVersionUID = 1L;
    private static final int MAX_TRACKED_BUCKETS = 10_000;

    private final long maxPartSize;
    private final long rolloverIntervalMs;
    private final long inactivityIntervalMs;

    private transient Map<TableId, String> tableFolders;
    private transient Map<Long, String> dayFolders;
    private transient Map<String, OpenPart> openParts;

    /** Schema of the rows in a bucket's open part file, as far as routing and rolling have seen. */
    private static final class OpenPart {
        long fingerprint;
        boolean known;
        long lastRouted;
        boolean lastRoutedConsulted = true;
    }

    /** Intervals of {@link Long#MAX_VALUE} turn time-based rolling off. */
    public LakeBucketing(long maxPartSize, long rolloverIntervalMs, long inactivityIntervalMs) {
        this.maxPartSize = maxPartSize;
        this.rolloverIntervalMs = rolloverIntervalMs;
        this.inactivityIntervalMs = inactivityIntervalMs;
    }

    @Override
    public String getBucketId(LakeRow row, Context context) {
        if (tableFolders == null) {
            tableFolders = new HashMap<>();
            dayFolders = new HashMap<>();
            openParts = new HashMap<>();
        }
        String table = tableFolders.computeIfAbsent(row.table(), LakePaths::tableFolder);
        String day =
                dayFolders.computeIfAbsent(
                        PathNames.epochDay(row.commitTimeMs()), LakePaths::dayFolderOfEpochDay);
        String bucket = table + "/" + day;
        if (openParts.size() > MAX_TRACKED_BUCKETS && !openParts.containsKey(bucket)) {
            // Forgetting is safe: an unknown part schema only costs one extra roll.
            openParts.clear();
        }
        OpenPart part = openParts.computeIfAbsent(bucket, b -> new OpenPart());
        if (!part.lastRoutedConsulted) {
            // The policy was not asked about the previous row: it opened a new part file.
            part.fingerprint = part.lastRouted;
            part.known = true;
        }
        part.lastRouted = row.schema().fingerprint();
        part.lastRoutedConsulted = false;
        return bucket;
    }

    @Override
    public boolean shouldRollOnEvent(PartFileInfo<String> partFile, LakeRow row) {
        OpenPart part = openParts == null ? null : openParts.get(partFile.getBucketId());
        long fingerprint = row.schema().fingerprint();
        boolean schemaChanged = part == null || !part.known || part.fingerprint != fingerprint;
        if (part != null) {
            part.lastRoutedConsulted = true;
            part.fingerprint = fingerprint;
            part.known = true;
        }
        try {
            return schemaChanged || partFile.getSize() >= maxPartSize;
        } catch (java.io.IOException e) {
            return true;
        }
    }

    @Override
    public boolean shouldRollOnProcessingTime(PartFileInfo<String> partFile, long now) {
        return now - partFile.getCreationTime() >= rolloverIntervalMs
                || now - partFile.getLastUpdateTime() >= inactivityIntervalMs;
    }

    @Override
    public SimpleVersionedSerializer<String> getSerializer() {
        return SimpleVersionedStringSerializer.INSTANCE;
    }
}
