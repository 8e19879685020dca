package io.cdclake.reader.query;

import io.cdclake.format.TableId;
import io.cdclake.reader.replay.AsOf;
import io.cdclake.reader.replay.ReplaySql;
import io.cdclake.reader.replay.SqlDialect;
import io.cdclake.reader.replay.SqlText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The statements that define the lake's views in one engine, for every table: a schema named after
 * the table's schema; in it, view {@code <table>}, the current state (the replay of the changelog,
 * as of a commit if asked), and view {@code <table>__changes}, every change row of every file.
 * {@code query} runs the DuckDB statements itself; {@code query --print-views} prints them for a
 * user's own DuckDB or Spark. Both come from here, so what a user pastes is what {@code query}
 * answers from.
 *
 * <p>A view is named after the table's schema and name whatever its source; where several sources
 * hold a table of one schema and name, each view's schema is {@code <source>__<schema>} instead
 * ({@link #viewTable}), e.g. {@code shop__public.customers}. DuckDB and Spark match names without
 * regard to case, quoted or not, so tables whose names differ only in case ({@code public.orders}
 * and {@code public."Orders"}) would share one view: the first in order (a lower-case name before
 * others) keeps its name, the others get {@code __2}, {@code __3}, ... after theirs.
 */
public final class ViewDefinitions {

    /** Appended to a table's name for the view of its changes. */
    public static final String CHANGES_SUFFIX = "__changes";

    /**
     * Between a source and a schema name in the schema of a view of a table several sources hold.
     */
    public static final String SOURCE_SEPARATOR = "__";

    /**
     * The schema and name of {@code table}'s views among {@code all} the lake's tables: its own,
     * or, when another source holds a table of the same schema and name, with the schema {@code
     * <source>__<schema>}. The result names no source.
     */
    public static TableId viewTable(TableId table, List<TableId> all) {
        TableId own = sourceViewTable(table, all);
        List<TableId> sameInEngine =
                all.stream()
                        // The cheap test first: the source rule never changes a table's name.
                        .filter(other -> other.table().equalsIgnoreCase(table.table()))
                        .filter(
                                other -> {
                                    TableId view = sourceViewTable(other, all);
                                    return view.schema().equalsIgnoreCase(own.schema())
                                            && view.table().equalsIgnoreCase(own.table());
                                })
                        .sorted(CASE_ORDER)
                        .toList();
        int position = sameInEngine.indexOf(table);
        return position <= 0 ? own : new TableId(own.schema(), own.table() + "__" + (position + 1));
    }

    /** Lower-case names first, then by name and source: the order {@link #viewTable} numbers in. */
    private static final Comparator<TableId> CASE_ORDER =
            Comparator.comparing(
                            (TableId t) ->
                                    !(t.schema() + "." + t.table())
                                            .equals(
                                                    (t.schema() + "." + t.table())
                                                            .toLowerCase(Locale.ROOT)))
                    .thenComparing(TableId::schema)
                    .thenComparing(TableId::table)
                    .thenComparing(t -> t.source() == null ? "" : t.source());

    private static TableId sourceViewTable(TableId table, List<TableId> all) {
        boolean shared =
                table.source() != null
                        && all.stream()
                                .anyMatch(
                                        other ->
                                                !other.equals(table)
                                                        && other.schema().equals(table.schema())
                                                        && other.table().equals(table.table()));
        return shared
                ? new TableId(table.source() + SOURCE_SEPARATOR + table.schema(), table.table())
                : table.withoutSource();
    }

    private ViewDefinitions() {}

    /** Every statement, in order, without trailing semicolons. */
    public static List<String> statements(SqlDialect dialect, List<TableParts> tables, AsOf asOf) {
        List<String> statements = new ArrayList<>();
        if (dialect == SqlDialect.SPARK) {
            // The views below read each set of files with one schema on its own; the setting is for
            // a user's own reads of a table's folder, whose files differ once a column was added.
            statements.add("SET spark.sql.parquet.mergeSchema=true");
        }
        List<TableId> all = tables.stream().map(TableParts::table).toList();
        List<String> schemas = new ArrayList<>();
        for (TableParts table : tables) {
            String schema = viewTable(table.table(), all).schema();
            if (!schemas.contains(schema)) {
                schemas.add(schema);
                statements.add(
                        (dialect == SqlDialect.SPARK ? "CREATE DATABASE" : "CREATE SCHEMA")
                                + " IF NOT EXISTS "
                                + quote(dialect, schema));
            }
        }
        for (TableParts table : tables) {
            statements.add(
                    "CREATE OR REPLACE VIEW "
                            + viewName(dialect, viewTable(table.table(), all), "")
                            + " AS\n"
                            + ReplaySql.currentState(
                                    dialect,
                                    table.files(),
                                    table.keyColumns(),
                                    asOf,
                                    table.base()));
            if (!table.withChanges()) {
                continue;
            }
            statements.add(
                    "CREATE OR REPLACE VIEW "
                            + viewName(dialect, viewTable(table.table(), all), CHANGES_SUFFIX)
                            + " AS\n"
                            + ReplaySql.changes(dialect, table.files()));
        }
        return statements;
    }

    /** The statements as a script to paste: each ends with a semicolon, a blank line between. */
    public static String script(SqlDialect dialect, List<TableParts> tables, AsOf asOf) {
        StringBuilder script = new StringBuilder();
        for (String statement : statements(dialect, tables, asOf)) {
            script.append(statement).append(";\n\n");
        }
        return script.toString();
    }

    /** {@code "schema"."table<suffix>"}, quoted for the engine. */
    public static String viewName(SqlDialect dialect, TableId table, String suffix) {
        return quote(dialect, table.schema()) + "." + quote(dialect, table.table() + suffix);
    }

    /**
     * The view's name as a user types it in DuckDB: each part quoted only when it is not a plain
     * lower-case identifier, e.g. {@code public.customers}, {@code "Sales"."order ""lines"""}.
     */
    public static String typedName(TableId table, String suffix) {
        return typedPart(table.schema()) + "." + typedPart(table.table() + suffix);
    }

    private static String typedPart(String name) {
        return name.matches("[a-z_][a-z0-9_]*") ? name : quote(SqlDialect.DUCKDB, name);
    }

    /** A name as the engine's SQL writes it: any character, quotes doubled. */
    public static String quote(SqlDialect dialect, String name) {
        return SqlText.identifier(dialect, name);
    }
}
