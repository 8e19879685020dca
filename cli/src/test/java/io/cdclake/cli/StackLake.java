package io.cdclake.cli;

import io.cdclake.format.TableId;
import io.cdclake.reader.LakeStore;
import io.cdclake.reader.S3Access;
import io.cdclake.reader.verify.LakeTableReader;
import io.cdclake.stack.S3Service;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Reads a lake in the embedded stack's S3 server back, as {@code ./cdc-lake verify} does. */
public final class StackLake {

    /** One store per S3 server for the whole test JVM, so that its cache serves every test. */
    private static final Map<String, LakeStore> STORES = new ConcurrentHashMap<>();

    private StackLake() {}

    public static S3Access access(S3Service s3) {
        return new S3Access(s3.endpoint(), s3.accessKey(), s3.secretKey(), S3Access.DEFAULT_REGION);
    }

    public static LakeStore store(S3Service s3) {
        return STORES.computeIfAbsent(
                s3.endpoint(),
                endpoint -> {
                    try {
                        return LakeStore.open(
                                "s3://" + s3.bucket(),
                                access(s3),
                                Files.createTempDirectory("cdc-lake-read-cache"));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    public static LakeTableReader reader(S3Service s3, String lakeRoot, TableId table) {
        return new LakeTableReader(store(s3), lakeRoot, table);
    }
}
