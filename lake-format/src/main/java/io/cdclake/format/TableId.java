package io.cdclake.format;

import java.io.Serializable;

/**
 * A PostgreSQL table of one source: Debezium's {@code source.name} (the connector's {@code
 * topic.prefix}, one per captured database) and its {@code source.schema} and {@code source.table}.
 * Two databases may both hold {@code public.customers}; the source keeps them apart. The source is
 * null where it is not known: a lake written before sources were named, or a table named by a user
 * who did not say its source (readers then look it up, see {@code LakeCatalog}).
 */
public record TableId(String source, String schema, String table) implements Serializable {

    /** A table whose source is not named. */
    public TableId(String schema, String table) {
        this(null, schema, table);
    }

    /** The same table with its source named. */
    public TableId withSource(String name) {
        return new TableId(name, schema, table);
    }

    /** The same table without its source, as a user types it when only one source has it. */
    public TableId withoutSource() {
        return source == null ? this : new TableId(null, schema, table);
    }

    /** {@code schema.table}, or {@code source.schema.table} when the source is named. */
    @Override
    public String toString() {
        return (source == null ? "" : source + ".") + schema + "." + table;
    }
}
