package io.cdclake.cli.query;

import io.cdclake.cli.LakeLocationOptions;
import io.cdclake.cli.StateCatalogOptions;
import io.cdclake.commandline.ExitCodes;
import io.cdclake.commandline.Terminal;
import io.cdclake.commandline.VersionProvider;
import io.cdclake.reader.LakeStore;
import io.cdclake.reader.query.LakeCatalog;
import io.cdclake.reader.query.LakeParts;
import io.cdclake.reader.query.LakeQuery;
import io.cdclake.reader.query.LakeTable;
import io.cdclake.reader.query.ViewDefinitions;
import io.cdclake.reader.replay.AsOf;
import io.cdclake.reader.replay.SqlDialect;
import io.cdclake.reader.state.CurrentState;
import io.cdclake.reader.state.StateCatalog;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./cdc-lake query}: the lake in an embedded DuckDB, each table a view of its current state
 * ({@code "schema"."table"}) and a view of its changes ({@code "schema"."table__changes"}). Runs
 * one statement and prints its result as a table or exports it to a file; without a statement lists
 * the tables; or prints the views' definitions for the user's own DuckDB or Spark.
 */
@Command(
        name = "query",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        sortSynopsis = false,
        description = {
            "Opens the lake in an embedded DuckDB. Every table is two views: \"schema\".\"table\","
                + " its current state (the changelog replayed in commit order: deletes and"
                + " truncates applied, TOAST-unavailable values kept from the row's previous image,"
                + " defaults of added columns filled in), and \"schema\".\"table__changes\", every"
                + " change row with its _op, _image, _lsn and other metadata columns.",
            "--sql runs one statement and prints its result; with --output FILE writes it, as CSV,"
                + " JSON or Parquet, to the file instead. Without --sql, lists the tables with"
                + " their rows and last commit time. --as-of or --as-of-lsn defines the"
                + " current-state views as of that commit. --print-views prints the views' SQL for"
                + " DuckDB or Spark over the lake's own files, to paste into your engine.",
            "With --catalog-jdbc-url, a table compacted into its current-state table (./cdc-lake"
                + " compact) is read from it and the part files written since, so a query costs"
                + " what the table holds, not its history; with --as-of, from the newest state that"
                + " covers nothing after that point. A statement naming a __changes view reads"
                + " every part file of that table. Only the tables the statement names are read.",
            "Exit code 0 when done, 1 when the lake cannot be read or the statement fails, 2 for"
                    + " usage errors."
        })
public final class QueryCommand implements Callable<Integer> {

    /** The engines {@code --print-views} writes SQL for. */
    enum Engine {
        DUCKDB(SqlDialect.DUCKDB),
        SPARK(SqlDialect.SPARK);

        final SqlDialect dialect;

        Engine(SqlDialect dialect) {
            this.dialect = dialect;
        }
    }

    @Spec private CommandSpec spec;

    @Mixin private LakeLocationOptions location;

    @Mixin private StateCatalogOptions catalog;

    @Option(
            names = "--sql",
            paramLabel = "STATEMENT",
            description =
                    "the statement to run, e.g. \"SELECT * FROM public.customers WHERE id = 2\"")
    private String sql;

    @Option(
            names = "--output",
            paramLabel = "FILE",
            description =
                    "write the result of --sql to this file (format from --format or the file's"
                            + " extension)")
    private Path output;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description = "csv (with a header), json (one object per line) or parquet")
    private ExportFormat format;

    @Option(
            names = "--as-of",
            paramLabel = "TIME",
            converter = AsOfTimeConverter.class,
            description =
                    "current state as of this commit time: ISO-8601, e.g. 2026-11-24T09:00:00Z"
                            + " (no offset: UTC)")
    private Instant asOfTime;

    @Option(
            names = "--as-of-lsn",
            paramLabel = "LSN",
            description = "current state as of this WAL position (the _lsn column), inclusive")
    private Long asOfLsn;

    @Option(
            names = "--print-views",
            paramLabel = "ENGINE",
            description = "print the views' SQL for duckdb or spark over the lake's files")
    private Engine printViews;

    private final Terminal terminal;

    public QueryCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        PrintStream out = terminal.out();
        PrintStream err = terminal.err();
        try {
            AsOf asOf = asOf();
            ExportFormat exportFormat = exportFormat();
            String lakeRoot = location.lakeRoot();
            try (LakeStore store = location.open(terminal.env())) {
                if (printViews != null) {
                    return printViews(store, lakeRoot, asOf, out, err);
                }
                try (StateCatalog states =
                                catalog.given()
                                        ? catalog.open(
                                                lakeRoot,
                                                location.s3Access(terminal.env()),
                                                terminal.env(),
                                                false)
                                        : null;
                        LakeQuery query =
                                LakeQuery.open(
                                        store,
                                        lakeRoot,
                                        asOf,
                                        (table, point) ->
                                                states == null
                                                        ? Optional.empty()
                                                        : CurrentState.load(
                                                                states,
                                                                table,
                                                                location.workDir(),
                                                                point),
                                        sql)) {
                    query.notes().forEach(note -> err.println("query: " + note));
                    if (sql == null) {
                        return listTables(query, lakeRoot, out, err);
                    }
                    if (exportFormat != null) {
                        return export(query, exportFormat, out);
                    }
                    return run(query, out);
                }
            }
        } catch (LakeLocationOptions.UsageException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (SQLException e) {
            err.println("query: " + e.getMessage());
            return ExitCodes.FAILURE;
        } catch (IOException e) {
            err.println("query: cannot read the lake: " + e.getMessage());
            return ExitCodes.FAILURE;
        } catch (ParameterException e) {
            throw e;
        } catch (RuntimeException e) {
            err.println("query: failed: " + e);
            return ExitCodes.FAILURE;
        }
    }

    private AsOf asOf() {
        if (asOfTime != null && asOfLsn != null) {
            throw new ParameterException(
                    spec.commandLine(), "give --as-of or --as-of-lsn, not both");
        }
        if (asOfLsn != null) {
            return AsOf.lsn(asOfLsn);
        }
        return asOfTime != null ? AsOf.timestamp(asOfTime) : AsOf.none();
    }

    /** The export's format; null to print the result. */
    private ExportFormat exportFormat() {
        if (printViews != null && (sql != null || output != null || format != null)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--print-views prints the views only: drop --sql, --output and --format");
        }
        if (output == null) {
            if (format != null) {
                throw new ParameterException(
                        spec.commandLine(), "--format needs --output FILE to write to");
            }
            return null;
        }
        if (sql == null) {
            throw new ParameterException(
                    spec.commandLine(), "--output writes the result of --sql: give --sql");
        }
        if (format != null) {
            return format;
        }
        return ExportFormat.ofFileName(output)
                .orElseThrow(
                        () ->
                                new ParameterException(
                                        spec.commandLine(),
                                        "give --format csv|json|parquet: the name of --output '"
                                                + output
                                                + "' does not say"));
    }

    private int printViews(
            LakeStore store, String lakeRoot, AsOf asOf, PrintStream out, PrintStream err)
            throws IOException {
        List<LakeTable> tables = LakeCatalog.tables(store, lakeRoot);
        if (tables.isEmpty()) {
            return noTables(lakeRoot, err);
        }
        SqlDialect dialect = printViews.dialect;
        out.print(
                ViewsPreamble.of(dialect, lakeRoot, location.s3Endpoint())
                        + ViewDefinitions.script(
                                dialect,
                                new LakeParts(store).read(tables, dialect, LakeParts.Paths.LAKE),
                                asOf));
        out.flush();
        return ExitCodes.OK;
    }

    private int listTables(LakeQuery query, String lakeRoot, PrintStream out, PrintStream err)
            throws SQLException {
        if (query.tables().isEmpty()) {
            return noTables(lakeRoot, err);
        }
        ResultTable table =
                new ResultTable(
                        List.of("table", "source", "rows", "last commit", "read from"),
                        List.of(false, false, true, false, false));
        for (LakeQuery.TableSummary summary : query.summaries()) {
            int files = query.partFiles(summary.table());
            table.add(
                    List.of(
                            ViewDefinitions.typedName(query.viewTable(summary.table()), ""),
                            summary.table().source() == null ? "" : summary.table().source(),
                            String.valueOf(summary.rows()),
                            summary.lastCommit() == null ? "NULL" : summary.lastCommit().toString(),
                            (query.fromState(summary.table()) ? "state + " : "")
                                    + files
                                    + (files == 1 ? " part file" : " part files")));
        }
        table.print(out);
        out.println(
                "Views: \"schema\".\"table\" (current state) and \"schema\".\"table__changes\";"
                        + " run one with --sql \"SELECT ...\".");
        return ExitCodes.OK;
    }

    private static int noTables(String lakeRoot, PrintStream err) {
        err.println(
                "query: no tables in the lake: no committed part files under "
                        + lakeRoot
                        + "/parquet/<source>/<schema>.<table>/dt=*/");
        return ExitCodes.FAILURE;
    }

    private int run(LakeQuery query, PrintStream out) throws SQLException {
        try (Statement statement = query.connection().createStatement()) {
            if (statement.execute(sql)) {
                try (ResultSet rs = statement.getResultSet()) {
                    ResultTable.of(rs).print(out);
                }
            } else {
                out.println("OK (" + statement.getUpdateCount() + " rows)");
            }
        }
        return ExitCodes.OK;
    }

    private int export(LakeQuery query, ExportFormat exportFormat, PrintStream out)
            throws SQLException {
        Path file = output.toAbsolutePath();
        String copy =
                "COPY ("
                        + sql.strip().replaceAll(";+$", "")
                        + ") TO '"
                        + file.toString().replace("'", "''")
                        + "' "
                        + exportFormat.copyOptions();
        long rows;
        try (Statement statement = query.connection().createStatement()) {
            if (statement.execute(copy)) {
                try (ResultSet rs = statement.getResultSet()) {
                    rows = rs.next() ? rs.getLong(1) : 0;
                }
            } else {
                rows = statement.getUpdateCount();
            }
        }
        out.println("wrote " + rows + " rows to " + file);
        return ExitCodes.OK;
    }
}
