package io.cdclake.reader;

import java.time.Instant;

/**
 * A file of the lake as a store lists it.
 *
 * @param path the lake root followed by the file's path under it, e.g. {@code
 *     s3://lake/base/parquet/public.t/dt=2024-01-01/part-...parquet}
 * @param size bytes
 * @param modified when it was last written
 * @param etag S3's entity tag; null in a local folder
 */
public record StoredFile(String path, long size, Instant modified, String etag) {

    /** The last segment of the path. */
    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
