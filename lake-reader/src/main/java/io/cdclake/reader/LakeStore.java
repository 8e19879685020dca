package io.cdclake.reader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the lake's files are: a local folder or an S3 bucket. Readers list a table's folder and
 * read part files from the local disk; committed part files never change, so a store may keep the
 * copies it downloaded.
 */
public interface LakeStore extends AutoCloseable {

    /**
     * Every file under {@code folder} (a lake root plus a path), at any depth, sorted by path; none
     * when there is no such folder.
     */
    List<StoredFile> list(String folder) throws IOException;

    /**
     * A local file with the content of {@code file}: the file itself in a local lake, a cached
     * download otherwise.
     */
    Path local(StoredFile file) throws IOException;

    /**
     * Deletes {@code path} (a lake root plus a path), and a cached copy of it; nothing when it is
     * not there. Only retention deletes from a lake.
     */
    void delete(String path) throws IOException;

    /** Writes {@code content} as {@code path} (a lake root plus a path), replacing a file there. */
    void write(String path, byte[] content) throws IOException;

    /**
     * Drops the local copies no reader used for {@code unusedFor}: after a compaction, the part
     * files its state covers are read only by {@code verify}, {@code --as-of} and the changes
     * views, so the cache holds what queries read, not the history. A local lake keeps its files.
     *
     * @return how many copies were dropped
     */
    default int prune(java.time.Duration unusedFor) throws IOException {
        return 0;
    }

    @Override
    void close();

    /**
     * The store of {@code lakeRoot}: {@code file:///path} or a path for a local folder, {@code
     * s3://bucket[/base-path]} (or {@code s3a://}) for S3.
     *
     * @param s3 how to reach S3; null for the SDK's defaults (environment, profile)
     * @param cacheDir where downloaded part files are kept
     */
    static LakeStore open(String lakeRoot, S3Access s3, Path cacheDir) {
        if (isS3(lakeRoot)) {
            return new S3LakeStore((s3 == null ? S3Access.defaults() : s3).client(), cacheDir);
        }
        return new LocalLakeStore();
    }

    static boolean isS3(String lakeRoot) {
        return lakeRoot.startsWith("s3://") || lakeRoot.startsWith("s3a://");
    }
}
