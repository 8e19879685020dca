package io.cdclake.reader.verify;

import io.cdclake.format.MetadataColumns;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One row of a lake table's Parquet files: the table's columns as that file's schema had them, and
 * the metadata columns ({@code _op}, {@code _image}, {@code _lsn}, ...). Values are plain Java
 * values typed by the file's Parquet logical types: {@code Boolean}, {@code Integer}, {@code Long},
 * {@code Float}, {@code Double}, {@code BigDecimal}, {@code String}, {@code byte[]}, {@code
 * LocalDate}, {@code LocalTime}, {@code LocalDateTime} (timestamps without time zone), {@code
 * Instant} (with time zone) and {@code List} for arrays.
 *
 * @param file the part file the row was read from
 * @param values column name to value, in the file's column order; a column the file does not have
 *     is absent, a null value is present with null
 */
public record LakeRecord(String file, Map<String, Object> values) {

    public LakeRecord {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public Object get(String column) {
        return values.get(column);
    }

    /**
     * Whether the row's file has the column at all (a column added later is absent from old files).
     */
    public boolean has(String column) {
        return values.containsKey(column);
    }

    /** {@code r}, {@code c}, {@code u}, {@code d} or {@code t}. */
    public String op() {
        return text(MetadataColumns.OP);
    }

    /** {@code before} or {@code after}; null for a truncate. */
    public String image() {
        return text(MetadataColumns.IMAGE);
    }

    public Long lsn() {
        return number(MetadataColumns.LSN);
    }

    public Long sourceTsMs() {
        return number(MetadataColumns.SOURCE_TS_MS);
    }

    public Long txId() {
        return number(MetadataColumns.TX_ID);
    }

    public String topic() {
        return text(MetadataColumns.TOPIC);
    }

    public Integer partition() {
        Long partition = number(MetadataColumns.PARTITION);
        return partition == null ? null : partition.intValue();
    }

    public Long offset() {
        return number(MetadataColumns.OFFSET);
    }

    /**
     * Columns Debezium could not read for this row (they are null here), from {@code
     * _unavailable_columns}.
     */
    public Set<String> unavailableColumns() {
        String names = text(MetadataColumns.UNAVAILABLE_COLUMNS);
        if (names == null || names.isEmpty()) {
            return Set.of();
        }
        return new LinkedHashSet<>(List.of(names.split(",")));
    }

    /** Where the row came from: {@code topic-partition@offset}. */
    public String source() {
        return topic() + "-" + partition() + "@" + offset();
    }

    private String text(String column) {
        Object value = values.get(column);
        return value == null ? null : value.toString();
    }

    private Long number(String column) {
        Object value = values.get(column);
        return value instanceof Number n ? n.longValue() : null;
    }
}
