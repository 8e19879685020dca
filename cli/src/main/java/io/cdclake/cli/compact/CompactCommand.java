package io.cdclake.cli.compact;

import io.cdclake.cli.LakeFormatOptions;
import io.cdclake.cli.LakeLocationOptions;
import io.cdclake.cli.LakeTableChoice;
import io.cdclake.cli.StateCatalogOptions;
import io.cdclake.commandline.DurationConverter;
import io.cdclake.commandline.ExitCodes;
import io.cdclake.commandline.NoPasswordOption;
import io.cdclake.commandline.Terminal;
import io.cdclake.commandline.VersionProvider;
import io.cdclake.reader.LakeStore;
import io.cdclake.reader.query.LakeCatalog;
import io.cdclake.reader.state.Coverage;
import io.cdclake.reader.state.StateCatalog;
import io.cdclake.reader.state.StateCompactor;
import io.cdclake.reader.verify.CompactionChecks;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./cdc-lake compact}: refreshes the current-state tables (Apache Iceberg) of the lake's
 * tables, or of one, from the part files their states do not cover yet ({@link StateCompactor}).
 */
@Command(
        name = "compact",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        sortSynopsis = false,
        description = {
            "Refreshes each table's current-state table, an Apache Iceberg table in the JDBC"
                + " catalog of --catalog-jdbc-url with its files under <lake>/iceberg/: reads the"
                + " state and the part files it does not cover yet, replays them as query does, and"
                + " commits the new state in one Iceberg snapshot that records which part files it"
                + " covers. Safe while the job writes and safe to stop and run again: a reader sees"
                + " the state before or after a commit, and a part file is in a state exactly once."
                + " query then replays only the part files written since. Before covering part"
                + " files it checks them as verify does (changes written twice or not applicable,"
                + " CSV files against Parquet), so that verify reads only what is new.",
            "Exit code 0 when done, 1 when a table could not be compacted, 2 for usage errors."
        })
public final class CompactCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;

    @Mixin private LakeLocationOptions location;

    @Mixin private StateCatalogOptions catalog;

    @Mixin private NoPasswordOption noPassword;

    @Mixin private LakeFormatOptions lakeFormats;

    @Mixin private LakeTableChoice choice;

    @Option(
            names = "--rows-per-commit",
            paramLabel = "N",
            description =
                    "change rows one Iceberg commit reads at most (default ${DEFAULT-VALUE}): a"
                            + " long history is compacted in several commits, each checked in"
                            + " memory")
    private long rowsPerCommit = StateCompactor.DEFAULT_ROUND_ROWS;

    @Option(
            names = "--cache-unused-for",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "7d",
            description =
                    "afterwards drop the work dir's cached part files no command read for this"
                            + " long (default ${DEFAULT-VALUE}): what a compacted state covers is"
                            + " read again only by verify, --as-of and the changes views")
    private Duration cacheUnusedFor;

    private final Terminal terminal;

    public CompactCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        PrintStream out = terminal.out();
        PrintStream err = terminal.err();
        try {
            String lakeRoot = location.lakeRoot();
            if (rowsPerCommit < 1) {
                throw new LakeLocationOptions.UsageException(
                        "--rows-per-commit must be 1 or more, not " + rowsPerCommit);
            }
            try (LakeStore store = location.open(terminal.env());
                    StateCatalog states =
                            catalog.open(
                                    lakeRoot,
                                    location.s3Access(terminal.env()),
                                    terminal.env(),
                                    true)) {
                StateCompactor compactor =
                        new StateCompactor(states, store, location.workDir())
                                .roundRows(rowsPerCommit)
                                .checker(
                                        new CompactionChecks(
                                                store,
                                                lakeFormats.csvDelimiter(),
                                                lakeFormats.checkCsv()));
                int code =
                        choice.each(
                                "compact",
                                lakeRoot,
                                LakeCatalog.tables(store, lakeRoot),
                                terminal,
                                table -> describe(compactor.compact(lakeRoot, table)));
                int dropped = store.prune(cacheUnusedFor);
                if (dropped > 0) {
                    out.println(
                            "Dropped "
                                    + dropped
                                    + " cached part files unused for "
                                    + cacheUnusedFor);
                }
                return code;
            }
        } catch (LakeLocationOptions.UsageException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (IOException e) {
            err.println("compact: cannot read the lake: " + e.getMessage());
            return ExitCodes.FAILURE;
        } catch (RuntimeException e) {
            err.println("compact: failed: " + e);
            return ExitCodes.FAILURE;
        }
    }

    /** One line per table: what the compaction read and wrote, and what its checks found. */
    static String describe(StateCompactor.Result result) {
        String name = StateCatalog.qualifiedName(result.table());
        String line;
        if (!result.changed()) {
            line =
                    String.format(
                            Locale.ROOT,
                            "%s: up to date (%d part files covered, %.1f s)",
                            name,
                            result.partsCovered(),
                            result.elapsed().toMillis() / 1000.0);
        } else {
            line =
                    String.format(
                            Locale.ROOT,
                            "%s: %d new part files%s, %d rows%s, %d part files covered, snapshot %d"
                                    + " (%s%.1f s)",
                            name,
                            result.partsRead(),
                            result.fromScratch() ? " (replayed from every part file)" : "",
                            result.rows(),
                            result.owed() > 0 ? " and " + result.owed() + " owed" : "",
                            result.partsCovered(),
                            result.snapshotId(),
                            result.rounds() > 1 ? result.rounds() + " commits, " : "",
                            result.elapsed().toMillis() / 1000.0);
        }
        return line + findings(result.checks());
    }

    /** What the checks of the covered part files found, if anything; verify reports it too. */
    private static String findings(Coverage.Checks checks) {
        if (checks == null) {
            return "";
        }
        List<String> found = new ArrayList<>();
        if (checks.duplicateRows() > 0) {
            found.add(checks.duplicateRows() + " change rows written more than once");
        }
        if (checks.invalidRows() > 0) {
            found.add(checks.invalidRows() + " change rows that do not apply");
        }
        if (checks.unseenRows() > 0) {
            found.add(checks.unseenRows() + " changes of rows the lake did not have");
        }
        String pending =
                checks.csvPending().isEmpty()
                        ? ""
                        : "; "
                                + checks.csvPending().size()
                                + " Parquet files not matched with CSV files yet";
        return found.isEmpty()
                ? pending
                : "; checks found "
                        + String.join(", ", found)
                        + " (verify --catalog-jdbc-url shows them)"
                        + pending;
    }
}
