package io.cdclake.cluster.fault;

import io.cdclake.format.MetadataColumns;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The change events of {@code customers} in the lake's committed files of one format, as {@link
 * LakeTableFiles} reads them.
 */
final class LakeEvents {

    private static final String KEY = "PassengerId";

    private final LakeTableFiles files;

    private LakeEvents(LakeTableFiles files) {
        this.files = files;
    }

    static LakeEvents of(LakeTableFiles files) {
        return new LakeEvents(files);
    }

    /** Every change row committed so far whose LSN lies in {@code [fromLsn, toLsn)}. */
    List<LakeRow> between(long fromLsn, long toLsn) throws IOException {
        List<LakeRow> rows = new ArrayList<>();
        for (Map<String, Object> row : files.rows()) {
            Object op = row.get(MetadataColumns.OP);
            Object lsn = row.get(MetadataColumns.LSN);
            if (op == null || lsn == null || op.equals("r")) {
                continue;
            }
            long position = Long.parseLong(lsn.toString());
            if (position < fromLsn || position >= toLsn) {
                continue;
            }
            Object key = row.get(KEY);
            Object image = row.get(MetadataColumns.IMAGE);
            ChangeEvent event =
                    new ChangeEvent(
                            key == null ? null : key.toString(),
                            op.toString(),
                            image == null ? null : image.toString(),
                            position,
                            tableValues(row).hashCode());
            rows.add(
                    new LakeRow(
                            event,
                            Integer.parseInt(row.get(MetadataColumns.PARTITION).toString()),
                            Long.parseLong(row.get(MetadataColumns.OFFSET).toString())));
        }
        return rows;
    }

    /** The row's table columns that hold a value, by name. */
    static Map<String, String> tableValues(Map<String, Object> row) {
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
