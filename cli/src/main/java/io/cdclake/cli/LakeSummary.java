package io.cdclake.cli;

import io.cdclake.cli.verify.LakeTableReader;
import io.cdclake.format.TableId;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Rows per op committed to the lake for one table, for the demo's progress lines. */
final class LakeSummary {

    private static final List<String> OPS = List.of("r", "c", "u", "d", "t");

    /** One reader for the whole demo: it counts each committed file once. */
    private final LakeTableReader reader;

    LakeSummary(String lakeRoot, String schema, String table) {
        this.reader = new LakeTableReader(lakeRoot, new TableId(schema, table));
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
        return line.append("(").append(total).append(" rows in committed Parquet files; an update writes two)").toString();
    }

    private static int rank(String op) {
        int index = OPS.indexOf(op);
        return index < 0 ? OPS.size() + op.hashCode() : index;
    }
}
