package io.cdclake.reader.query;

import io.cdclake.reader.LakeStore;
import io.cdclake.reader.StoredFile;
import io.cdclake.reader.replay.SqlDialect;
import java.nio.file.Path;

/**
 * The path by which another engine opens a part file of the lake itself (not a local copy): for
 * DuckDB a local path or {@code s3://}, for Spark a {@code file:} URI or {@code s3a://} (Hadoop's
 * S3 file system).
 */
final class EnginePaths {

    private EnginePaths() {}

    static String of(SqlDialect dialect, StoredFile file, Path localFile) {
        String path = file.path();
        if (LakeStore.isS3(path)) {
            String rest = path.substring(path.indexOf("://") + 3);
            return (dialect == SqlDialect.SPARK ? "s3a://" : "s3://") + rest;
        }
        Path absolute = localFile.toAbsolutePath().normalize();
        return dialect == SqlDialect.SPARK ? "file://" + absolute : absolute.toString();
    }
}
