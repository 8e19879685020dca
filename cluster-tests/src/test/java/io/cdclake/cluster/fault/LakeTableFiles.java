package io.cdclake.cluster.fault;

import io.cdclake.job.testing.LakeFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The rows of one table's committed files in one format, read from the S3 server's storage folder
 * (objects are plain files there), so they can be counted while S3 is down. Committed files never
 * change, so each is read once and kept as what a count needs of its rows ({@code T}), not as the
 * rows themselves: a full-size suite writes hundreds of thousands of them.
 *
 * @param <T> what a count needs of one row, or nothing for a row it does not count
 */
final class LakeTableFiles<T> {

    private final String root;
    private final String suffix;
    private final Function<Map<String, Object>, Optional<T>> kept;
    private final Map<String, List<T>> byFile = new HashMap<>();

    private LakeTableFiles(
            String root, String suffix, Function<Map<String, Object>, Optional<T>> kept) {
        this.root = root;
        this.suffix = suffix;
        this.kept = kept;
    }

    /**
     * @param tableDir e.g. {@code <storage>/<bucket>/<base-path>/parquet/<source>/<table>}
     * @param kept what to keep of a row (a CSV value is its text)
     */
    static <T> LakeTableFiles<T> parquet(
            Path tableDir, Function<Map<String, Object>, Optional<T>> kept) {
        return new LakeTableFiles<>(tableDir.toUri().toString(), ".parquet", kept);
    }

    static <T> LakeTableFiles<T> csv(
            Path tableDir, Function<Map<String, Object>, Optional<T>> kept) {
        return new LakeTableFiles<>(tableDir.toUri().toString(), ".csv", kept);
    }

    /** What was kept of every row committed so far. */
    List<T> rows() throws IOException {
        for (org.apache.flink.core.fs.Path file : LakeFiles.committed(root, suffix)) {
            if (!byFile.containsKey(file.toString())) {
                List<T> rows = new ArrayList<>();
                for (Map<String, Object> row : read(file)) {
                    kept.apply(row).ifPresent(rows::add);
                }
                byFile.put(file.toString(), rows);
            }
        }
        List<T> rows = new ArrayList<>();
        byFile.values().forEach(rows::addAll);
        return rows;
    }

    private List<Map<String, Object>> read(org.apache.flink.core.fs.Path file) throws IOException {
        return suffix.equals(".parquet")
                ? LakeFiles.readParquet(Path.of(file.toUri())).rows()
                : LakeFiles.csvFileRows(file);
    }
}
