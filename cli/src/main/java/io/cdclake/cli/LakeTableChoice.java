package io.cdclake.cli;

import io.cdclake.commandline.ExitCodes;
import io.cdclake.commandline.Terminal;
import io.cdclake.format.TableId;
import io.cdclake.postgres.PgTable;
import io.cdclake.reader.query.LakeTable;
import java.io.IOException;
import java.sql.SQLException;
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

    /** What a command does to one table: the line it prints for it. */
    @FunctionalInterface
    public interface TableWork {
        String run(LakeTable table) throws IOException, SQLException;
    }

    /**
     * Runs {@code work} on each chosen table of {@code tables}, printing its line, or why it failed
     * and going on with the next.
     *
     * @return the exit code: 1 when no table was chosen or one failed
     */
    public int each(
            String command,
            String lakeRoot,
            List<LakeTable> tables,
            Terminal terminal,
            TableWork work)
            throws LakeLocationOptions.UsageException {
        List<LakeTable> chosen = choose(tables);
        if (chosen.isEmpty()) {
            terminal.err().println(command + ": no " + describe() + " in the lake " + lakeRoot);
            return ExitCodes.FAILURE;
        }
        int failed = 0;
        for (LakeTable table : chosen) {
            try {
                terminal.out().println(work.run(table));
            } catch (IOException | SQLException | RuntimeException e) {
                failed++;
                terminal.err().println(command + ": " + table.id() + " failed: " + e.getMessage());
            }
            terminal.out().flush();
        }
        return failed == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
    }

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
