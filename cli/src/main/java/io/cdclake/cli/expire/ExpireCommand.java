package io.cdclake.cli.expire;

import io.cdclake.cli.LakeLocationOptions;
import io.cdclake.cli.LakeTableChoice;
import io.cdclake.cli.StateCatalogOptions;
import io.cdclake.cli.query.AsOfTimeConverter;
import io.cdclake.commandline.ExitCodes;
import io.cdclake.commandline.NoPasswordOption;
import io.cdclake.commandline.Terminal;
import io.cdclake.commandline.VersionProvider;
import io.cdclake.reader.LakeStore;
import io.cdclake.reader.query.LakeCatalog;
import io.cdclake.reader.state.LakeRetention;
import io.cdclake.reader.state.StateCatalog;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./cdc-lake expire --before TIME}: retention for compacted tables ({@link LakeRetention}).
 */
@Command(
        name = "expire",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        sortSynopsis = false,
        description = {
            "Removes the day folders before --before (both formats) that each table's current-state"
                + " table no longer needs, and the state's Iceberg snapshots older than the one"
                + " kept for --as-of at --before: a day folder goes only when every kept snapshot"
                + " covers its part files and compact checked its CSV files. What stays readable:"
                + " the current state and everything written since (query and verify with"
                + " --catalog-jdbc-url), and --as-of from the last change of the snapshot kept. A"
                + " table without a current-state table is left alone; a table with expired day"
                + " folders is refused by readers that would replay every part file.",
            "Exit code 0 when done, 1 when a table could not be expired, 2 for usage errors."
        })
public final class ExpireCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;

    @Mixin private LakeLocationOptions location;

    @Mixin private StateCatalogOptions catalog;

    @Mixin private NoPasswordOption noPassword;

    @Mixin private LakeTableChoice choice;

    @Option(
            names = "--before",
            paramLabel = "TIME",
            required = true,
            converter = AsOfTimeConverter.class,
            description =
                    "remove what only changes before this time need; " + AsOfTimeConverter.SYNTAX)
    private Instant before;

    @Option(names = "--dry-run", description = "say what would be removed, and remove nothing")
    private boolean dryRun;

    private final Terminal terminal;

    public ExpireCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        PrintStream err = terminal.err();
        try {
            String lakeRoot = location.lakeRoot();
            try (LakeStore store = location.open(terminal.env());
                    StateCatalog states =
                            catalog.open(
                                    lakeRoot,
                                    location.s3Access(terminal.env()),
                                    terminal.env(),
                                    false)) {
                LakeRetention retention = new LakeRetention(states, store);
                return choice.each(
                        "expire",
                        lakeRoot,
                        LakeCatalog.tables(store, lakeRoot),
                        terminal,
                        table ->
                                describe(
                                        retention.expire(lakeRoot, table, before, dryRun), dryRun));
            }
        } catch (LakeLocationOptions.UsageException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (IOException e) {
            err.println("expire: cannot read the lake: " + e.getMessage());
            return ExitCodes.FAILURE;
        } catch (RuntimeException e) {
            err.println("expire: failed: " + e);
            return ExitCodes.FAILURE;
        }
    }

    /** One line per table: what went (or would go) and what time travel remains. */
    static String describe(LakeRetention.Result result, boolean dryRun) {
        StringBuilder line = new StringBuilder(result.table().toString()).append(": ");
        List<LocalDate> days = result.days();
        if (days.isEmpty()) {
            line.append("no day folders ").append(dryRun ? "to remove" : "removed");
        } else {
            line.append(dryRun ? "would remove " : "removed ")
                    .append(days.size())
                    .append(days.size() == 1 ? " day folder (" : " day folders (")
                    .append(days.get(0))
                    .append(days.size() == 1 ? "" : " to " + days.get(days.size() - 1))
                    .append(", ")
                    .append(result.files())
                    .append(" part files)");
        }
        if (result.snapshots() > 0) {
            line.append(dryRun ? ", would expire " : ", expired ")
                    .append(result.snapshots())
                    .append(result.snapshots() == 1 ? " snapshot" : " snapshots");
        }
        if (result.timeTravelFrom() != null) {
            line.append("; --as-of reads from ").append(result.timeTravelFrom());
        }
        if (result.note() != null) {
            line.append("; ").append(result.note());
        }
        return line.toString();
    }
}
