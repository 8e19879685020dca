package io.cdclake.job.decode;

import io.cdclake.format.LakeColumn;
import io.cdclake.format.MetadataColumns;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One version of a table's row shape, with the readers of its columns. Built once per distinct
 * Debezium value schema by the {@link SchemaCache}, then shared by every row of that version.
 */
public final class TableSchema {

    private final String valueSchemaName;
    private final List<LakeColumn> columns;
    private final int sourceColumnCount;
    private final String[] sourceNames;
    private final ValueReader[] readers;
    private final Map<String, Integer> indexByName;
    private final long fingerprint;

    TableSchema(String valueSchemaName, List<LakeColumn> sourceColumns, List<ValueReader> readers) {
        this.valueSchemaName = valueSchemaName;
        List<LakeColumn> all = new ArrayList<>(sourceColumns);
        all.addAll(MetadataColumns.ALL);
        this.columns = Collections.unmodifiableList(all);
        this.sourceColumnCount = sourceColumns.size();
        this.sourceNames = sourceColumns.stream().map(LakeColumn::name).toArray(String[]::new);
        this.readers = readers.toArray(new ValueReader[0]);
        this.indexByName = new HashMap<>();
        for (int i = 0; i < sourceNames.length; i++) {
            indexByName.put(sourceNames[i], i);
        }
        this.fingerprint = fingerprintOf(all);
    }

    /** Stable across JVMs (it names a bucket), so it hashes names and types, not identities. */
    static long fingerprintOf(List<LakeColumn> columns) {
        long hash = 1125899906842597L;
        for (LakeColumn column : columns) {
            String text = column.name() + ':' + column.type() + ';';
            for (int i = 0; i < text.length(); i++) {
                hash = 31 * hash + text.charAt(i);
            }
        }
        return hash;
    }

    public String valueSchemaName() {
        return valueSchemaName;
    }

    /** The table's columns followed by the {@link MetadataColumns}. */
    public List<LakeColumn> columns() {
        return columns;
    }

    public int sourceColumnCount() {
        return sourceColumnCount;
    }

    public int arity() {
        return columns.size();
    }

    public long fingerprint() {
        return fingerprint;
    }

    ValueReader reader(int index) {
        return readers[index];
    }

    /**
     * Index of a source column, trying the expected position first: payloads follow schema order.
     */
    int indexOf(String name, int expected) {
        if (expected < sourceNames.length && sourceNames[expected].equals(name)) {
            return expected;
        }
        Integer index = indexByName.get(name);
        return index == null ? -1 : index;
    }

    @Override
    public String toString() {
        return valueSchemaName + columns;
    }
}
