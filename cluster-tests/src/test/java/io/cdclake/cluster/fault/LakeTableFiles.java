package io.cdclake.cluster.fault;

import io.cdclake.job.testing.LakeFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of one table's committed files in one format, read from the S3 server's storage folder
 * (objects are plain files there), so they can be counted while S3 is down. Committed files never
 * change, so each is read once.
 */
final class LakeTableFiles {

    private final String root;
    private final String suffix;
    private final Map<String, List<Map<String, Object>>> byFile = new HashMap<>();

    private LakeTableFiles(String root, String suffix) {
        this.root = root;
        this.suffix = suffix;
    }

    /**
     * @param tableDir e.g. {@code <storage>/<bucket>/<base-path>/parquet/<source>/<table>}
     */
    static LakeTableFiles parquet(Path tableDir) {
        return new LakeTableFiles(tableDir.toUri().toString(), ".parquet");
    }

    static LakeTableFiles csv(Path tableDir) {
        return new LakeTableFiles(tableDir.toUri().toString(), ".csv");
    }

    /** Every row committed so far, column name to value (a CSV value as its text). */
    List<Map<String, Object>> rows() throws IOException {
        for (org.apache.flink.core.fs.Path file : LakeFiles.committed(root, suffix)) {
            if (!byFile.containsKey(file.toString())) {
                byFile.put(file.toString(), read(file));
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        byFile.values().forEach(rows::addAll);
        return rows;
    }

    private List<Map<String, Object>> read(org.apache.flink.core.fs.Path file) throws IOException {
        if (suffix.equals(".parquet")) {
            return LakeFiles.readParquet(Path.of(file.toUri())).rows();
        }
        List<List<String>> lines = LakeFiles.readCsv(file);
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> header = lines.get(0);
        for (List<String> line : lines.subList(1, lines.size())) {
            Map<String, Object> row = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), line.get(i));
            }
            rows.add(row);
        }
        return rows;
    }
}
