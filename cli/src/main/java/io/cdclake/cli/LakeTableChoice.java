package io.cdclake.cli;

import io.cdclake.format.TableId;
import io.cdclake.postgres.PgTable;
import io.cdclake.reader.query.LakeTable;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Which of the lake's tables a command works on: {@code --table} (read as psql reads a name) and
 * {@code --source}, every table unless given. The same options for {@code compact} and {@code
 * expire}.
 */
public final class LakeTableChoice {

    @Option(
            names = "--table",
            paramLabel = "SCHEMA.TABLE",
            description =
                    "only this table, read as psql reads it (default: every table of the lake)")
    private String table;

    @Option(
            names = "--source",
            paramLabel = "NAME",
            description = "only the tables of this source (the connector's topic.prefix)")
    private String source;

    /** The tables of {@code tables} chosen. */
    public List<LakeTable> choose(List<LakeTable> tables)
            throws LakeLocationOptions.UsageException {
        TableId wanted = wanted();
        return tables.stream()
                .filter(
                        t ->
                                wanted == null
                                        || wanted.schema().equals(t.id().schema())
                                                && wanted.table().equals(t.id().table()))
                .filter(t -> source == null || source.equals(t.id().source()))
                .toList();
    }

    /** What was asked for, for a message when the lake has no such table. */
    public String describe() throws LakeLocationOptions.UsageException {
        TableId wanted = wanted();
        return (wanted == null ? "tables" : "table " + wanted)
                + (source == null ? "" : " of source " + source);
    }

    private TableId wanted() throws LakeLocationOptions.UsageException {
        if (table == null) {
            return null;
        }
        try {
            PgTable parsed = PgTable.parse(table);
            return new TableId(parsed.schema(), parsed.name());
        } catch (IllegalArgumentException e) {
            throw new LakeLocationOptions.UsageException(
                    "--table '" + table + "': " + e.getMessage());
        }
    }
}
