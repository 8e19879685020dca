package io.cdclake.cluster.fault;

import io.cdclake.format.MetadataColumns;
import io.cdclake.job.testing.LakeFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The change events in the lake's committed files of one format, read from the S3 server's storage
 * folder (objects are plain files there), so they can be counted while S3 is down. Committed files
 * never change, so each is read once.
 */
final class LakeEvents {

    private static final String KEY = "PassengerId";

    private final String root;
    private final String suffix;
    private final Map<String, List<LakeRow>> byFile = new HashMap<>();

    private LakeEvents(String root, String suffix) {
        this.root = root;
        this.suffix = suffix;
    }

    /**
     * @param formatDir e.g. {@code <storage>/<bucket>/<base-path>/parquet}
     */
    static LakeEvents parquet(Path formatDir) {
        return new LakeEvents(formatDir.toUri().toString(), ".parquet");
    }

    static LakeEvents csv(Path formatDir) {
        return new LakeEvents(formatDir.toUri().toString(), ".csv");
    }

    /** Every change row committed so far whose LSN lies in {@code [fromLsn, toLsn)}. */
    List<LakeRow> between(long fromLsn, long toLsn) throws IOException {
        for (org.apache.flink.core.fs.Path file : LakeFiles.committed(root, suffix)) {
            if (!byFile.containsKey(file.toString())) {
                byFile.put(file.toString(), read(file));
            }
        }
        List<LakeRow> rows = new ArrayList<>();
        for (List<LakeRow> fileRows : byFile.values()) {
            for (LakeRow row : fileRows) {
                if (row.event().lsn() >= fromLsn && row.event().lsn() < toLsn) {
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private List<LakeRow> read(org.apache.flink.core.fs.Path file) throws IOException {
        List<Map<String, Object>> rows =
                suffix.equals(".parquet")
                        ? LakeFiles.readParquet(Path.of(file.toUri())).rows()
                        : csvRows(file);
        List<LakeRow> events = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            Object op = row.get(MetadataColumns.OP);
            Object lsn = row.get(MetadataColumns.LSN);
            if (op == null || lsn == null || op.equals("r")) {
                continue;
            }
            Object key = row.get(KEY);
            Object image = row.get(MetadataColumns.IMAGE);
            ChangeEvent event =
                    new ChangeEvent(
                            key == null ? null : key.toString(),
                            op.toString(),
                            image == null ? null : image.toString(),
                            Long.parseLong(lsn.toString()),
                            tableValues(row).hashCode());
            events.add(
                    new LakeRow(
                            event,
                            Integer.parseInt(row.get(MetadataColumns.PARTITION).toString()),
                            Long.parseLong(row.get(MetadataColumns.OFFSET).toString())));
        }
        return events;
    }

    private static Map<String, String> tableValues(Map<String, Object> row) {
        Map<String, String> values = new TreeMap<>();
        row.forEach(
                (column, value) -> {
                    if (!column.startsWith("_") && value != null) {
                        values.put(column, value.toString());
                    }
                });
        return values;
    }

    private static List<Map<String, Object>> csvRows(org.apache.flink.core.fs.Path file)
            throws IOException {
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
