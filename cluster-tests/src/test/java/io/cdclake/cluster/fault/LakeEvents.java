package io.cdclake.cluster.fault;

import io.cdclake.format.MetadataColumns;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The change events of {@code customers} in the lake's committed files of one format: each change
 * row as a {@link LakeRow}, snapshot reads left out.
 */
final class LakeEvents {

    private static final String KEY = "PassengerId";

    private final LakeTableFiles<LakeRow> files;

    private LakeEvents(LakeTableFiles<LakeRow> files) {
        this.files = files;
    }

    /**
     * @param tableDir e.g. {@code <storage>/<bucket>/<base-path>/parquet/<source>/<table>}
     */
    static LakeEvents parquet(Path tableDir) {
        return new LakeEvents(LakeTableFiles.parquet(tableDir, LakeEvents::change));
    }

    static LakeEvents csv(Path tableDir) {
        return new LakeEvents(LakeTableFiles.csv(tableDir, LakeEvents::change));
    }

    /** Every change row committed so far whose LSN lies in {@code [fromLsn, toLsn)}. */
    List<LakeRow> between(long fromLsn, long toLsn) throws IOException {
        List<LakeRow> rows = new ArrayList<>();
        for (LakeRow row : files.rows()) {
            if (row.event().lsn() >= fromLsn && row.event().lsn() < toLsn) {
                rows.add(row);
            }
        }
        return rows;
    }

    private static Optional<LakeRow> change(Map<String, Object> row) {
        Object op = row.get(MetadataColumns.OP);
        Object lsn = row.get(MetadataColumns.LSN);
        if (op == null || lsn == null || op.equals("r")) {
            return Optional.empty();
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
        return Optional.of(
                new LakeRow(
                        event,
                        Integer.parseInt(row.get(MetadataColumns.PARTITION).toString()),
                        Long.parseLong(row.get(MetadataColumns.OFFSET).toString())));
    }

    /** The row's table columns that hold a value, by name. */
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
}
