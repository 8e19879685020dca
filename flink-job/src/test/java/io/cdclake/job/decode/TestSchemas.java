package io.cdclake.job.decode;

import io.cdclake.format.LakeColumn;
import io.cdclake.format.MetadataColumns;
import io.cdclake.format.TableId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.StringData;

/** Table schemas and rows built by hand, for tests of what comes after decoding. */
public final class TestSchemas {

    private TestSchemas() {}

    public static TableSchema schema(String name, LakeColumn... columns) {
        return new TableSchema(
                name,
                Arrays.asList(columns),
                new ArrayList<>(Collections.nCopies(columns.length, null)));
    }

    /** A row of the schema's source columns followed by metadata for op {@code c}. */
    public static LakeRow row(
            TableId table, TableSchema schema, long commitTimeMs, Object... values) {
        GenericRowData row = new GenericRowData(schema.arity());
        for (int i = 0; i < values.length; i++) {
            row.setField(i, values[i]);
        }
        int n = schema.sourceColumnCount();
        row.setField(n, StringData.fromString("c"));
        row.setField(n + 1, StringData.fromString(MetadataColumns.AFTER));
        row.setField(n + 2, commitTimeMs);
        return new LakeRow(table, schema, row, commitTimeMs);
    }
}
