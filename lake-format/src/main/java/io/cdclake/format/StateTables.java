package io.cdclake.format;

import java.util.ArrayList;
import java.util.List;

/**
 * The names of the current-state tables in their Iceberg catalog: one table per captured table,
 * named after it, in a namespace of its source and schema ({@code postgres.public.customers} in
 * catalog {@code cdc_lake}), so that two databases with the same table names never share a table.
 * Where the table is and what it holds: {@link LakePaths#stateTableLocation} and {@link
 * MetadataColumns#REPLAY_LSN}.
 */
public final class StateTables {

    /** The catalog's name: the JDBC catalog keeps its tables under it. */
    public static final String CATALOG = "cdc_lake";

    /**
     * The namespace of the tables of a lake written before sources were named: {@code
     * default.<schema>}.
     */
    public static final String UNNAMED_SOURCE = "default";

    private StateTables() {}

    /** {@code [source, schema]}, the levels of the table's namespace. */
    public static List<String> namespace(TableId table) {
        List<String> levels = new ArrayList<>();
        levels.add(table.source() == null ? UNNAMED_SOURCE : table.source());
        levels.add(table.schema());
        return levels;
    }

    /** The table's name in its namespace: the captured table's. */
    public static String name(TableId table) {
        return table.table();
    }
}
