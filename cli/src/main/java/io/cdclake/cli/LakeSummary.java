package io.cdclake.cli;

import io.cdclake.format.TableId;
import io.cdclake.reader.LakeStore;
import io.cdclake.reader.S3Access;
import io.cdclake.reader.verify.LakeTableReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Rows per op committed to the lake for one table, for the demo's progress lines. */
final class LakeSummary {

    private static final List<String> OPS = List.of("r", "c", "u", "d", "t");

    /** One reader for the whole demo: it counts each committed file once. */
    private final LakeTableReader reader;

    /** The store stays open as long as the demo runs. */
    LakeSummary(String lakeRoot, S3Access s3, Path cacheDir, TableId table) {
        this.reader = new LakeTableReader(LakeStore.open(lakeRoot, s3, cacheDir), lakeRoot, table);
    }

    Map<String, Long> rowsByOp() throws IOException {
        return reader.rowsByOp();
    }

    static String format(Map<String, Long> rowsByOp) {
        Map<String, Long> sorted = new TreeMap<>((a, b) -> Integer.compare(rank(a), rank(b)));
        sorted.putAll(rowsByOp);
        StringBuilder line = new StringBuilder();
        long total = 0;
        for (Map.Entry<String, Long> entry : sorted.entrySet()) {
            line.append(entry.getKey()).append('=').append(entry.getValue()).append("  ");
            total += entry.getValue();
        }
        return line.append("(")
                .append(total)
                .append(" rows in committed Parquet files; an update writes two)")
                .toString();
    }

    private static int rank(String op) {
        int index = OPS.indexOf(op);
        return index < 0 ? OPS.size() + op.hashCode() : index;
    }
}
