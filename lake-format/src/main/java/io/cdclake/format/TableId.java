package io.cdclake.format;

import java.io.Serializable;

/** A PostgreSQL table, as Debezium's {@code source.schema} and {@code source.table} name it. */
public record TableId(String schema, String table) implements Serializable {

    @Override
    public String toString() {
        return schema + "." + table;
    }
}
