package io.cdclake.job.decode;

import io.cdclake.format.LakeColumn;
import io.cdclake.format.MetadataColumns;
import io.cdclake.format.TableMetadata;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One version of a table's row shape, with the readers of its columns, the table's key columns and
 * the defaults of its columns. Built once per distinct Debezium value schema by the {@link
 * SchemaCache} (and once per key of it, {@link #withKey}), then shared by every row of that
 * version.
 */
public final class TableSchema {

    /** Key variants kept per value schema; a table's key changes rarely, if ever. */
    private static final int MAX_KEY_VARIANTS = 16;

    private final String valueSchemaName;
    private final List<LakeColumn> columns;
    private final int sourceColumnCount;
    private final String[] sourceNames;
    private final ValueReader[] readers;
    private final Map<String, Integer> indexByName;
    private final ColumnDefaults defaults;
    private final List<String> keyColumns;
    private final long fingerprint;
    private final TableMetadata metadata;
    private final Map<List<String>, TableSchema> keyVariants;

    TableSchema(String valueSchemaName, List<LakeColumn> sourceColumns, List<ValueReader> readers) {
        this(valueSchemaName, sourceColumns, readers, ColumnDefaults.NONE);
    }

    TableSchema(
            String valueSchemaName,
            List<LakeColumn> sourceColumns,
            List<ValueReader> readers,
            ColumnDefaults defaults) {
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
        this.defaults = defaults;
        this.keyColumns = List.of();
        this.fingerprint = fingerprintOf(all, keyColumns, defaults);
        this.metadata = metadataOf(fingerprint, keyColumns, defaults);
        this.keyVariants = new HashMap<>();
        keyVariants.put(keyColumns, this);
    }

    /** The same row shape with other key columns: shares everything but key and fingerprint. */
    private TableSchema(TableSchema base, List<String> keyColumns) {
        this.valueSchemaName = base.valueSchemaName;
        this.columns = base.columns;
        this.sourceColumnCount = base.sourceColumnCount;
        this.sourceNames = base.sourceNames;
        this.readers = base.readers;
        this.indexByName = base.indexByName;
        this.defaults = base.defaults;
        this.keyColumns = List.copyOf(keyColumns);
        this.fingerprint = fingerprintOf(columns, this.keyColumns, defaults);
        this.metadata = metadataOf(fingerprint, this.keyColumns, defaults);
        this.keyVariants = base.keyVariants;
    }

    /**
     * This row shape with the table's key columns. Debezium's value schema does not say which
     * columns form the key (the Kafka key's schema does), so a key is attached per event; the
     * variants are cached, and the common case, the same key as the last event's, costs a list
     * comparison.
     */
    TableSchema withKey(List<String> key) {
        if (key.equals(keyColumns)) {
            return this;
        }
        TableSchema variant = keyVariants.get(key);
        if (variant == null) {
            if (keyVariants.size() >= MAX_KEY_VARIANTS) {
                keyVariants.clear();
            }
            variant = new TableSchema(this, key);
            keyVariants.put(variant.keyColumns, variant);
        }
        return variant;
    }

    /**
     * Stable across JVMs (it names a bucket), so it hashes names, types, key columns and the
     * defaults' source text, not identities: a part file rolls whenever any of them changes.
     */
    static long fingerprintOf(
            List<LakeColumn> columns, List<String> keyColumns, ColumnDefaults defaults) {
        long hash = 1125899906842597L;
        for (LakeColumn column : columns) {
            hash = hash(hash, column.name() + ':' + column.type() + ';');
        }
        if (!keyColumns.isEmpty() || !defaults.isEmpty()) {
            // Kept out of the hash when absent, so a version without either keeps its old value.
            hash = hash(hash, "key" + keyColumns + ';' + defaults.fingerprintText());
        }
        return hash;
    }

    private static long hash(long hash, String text) {
        for (int i = 0; i < text.length(); i++) {
            hash = 31 * hash + text.charAt(i);
        }
        return hash;
    }

    private static TableMetadata metadataOf(
            long fingerprint, List<String> keyColumns, ColumnDefaults defaults) {
        return new TableMetadata(schemaVersion(fingerprint), keyColumns, defaults.csvTexts());
    }

    /** The fingerprint as the lake writes it: 16 lower-case hex digits. */
    static String schemaVersion(long fingerprint) {
        return String.format("%016x", fingerprint);
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

    /** The table's primary key columns, in key order; empty when it has none (or none is known). */
    public List<String> keyColumns() {
        return keyColumns;
    }

    /** What every Parquet part file of this version records about its table. */
    public TableMetadata metadata() {
        return metadata;
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
