package io.cdclake.cli.capture;

import io.cdclake.cli.ConnectUrlOption;
import io.cdclake.cli.ConnectionOptions;
import io.cdclake.commandline.DurationConverter;
import io.cdclake.commandline.ExitCodes;
import io.cdclake.commandline.Terminal;
import io.cdclake.commandline.VersionProvider;
import io.cdclake.connector.ConnectorConfig;
import io.cdclake.connector.capture.CaptureException;
import io.cdclake.connector.capture.CapturedTable;
import io.cdclake.connector.capture.TableCapture;
import io.cdclake.connector.capture.TableName;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code capture add|list|snapshot|remove}: which tables the connector captures, and a table's
 * existing rows through a Debezium incremental snapshot. Exit codes: 0 done, 1 failed, 2 usage.
 */
@Command(
        name = "capture",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description =
                "Adds a table to the capture with its existing rows (publication, include list,"
                    + " incremental snapshot), lists the captured tables and their snapshot state,"
                    + " snapshots a table again, or stops capturing it.",
        subcommands = {
            CaptureCommand.Add.class,
            CaptureCommand.ListTables.class,
            CaptureCommand.Snapshot.class,
            CaptureCommand.Remove.class
        })
public final class CaptureCommand implements Callable<Integer> {

    private final Terminal terminal;

    public CaptureCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        terminal.err()
                .println(
                        "capture: name one of add, list, snapshot, remove (./cdc-lake capture"
                                + " --help)");
        return ExitCodes.USAGE;
    }

    /** What every capture command needs: Connect, the connector's name and the database. */
    static final class Target {

        @Mixin ConnectUrlOption connect;

        @Option(
                names = "--connector",
                paramLabel = "NAME",
                description = "the connector's name (default: the bundled connector definition's)")
        String connector;

        @Mixin ConnectionOptions database;
    }

    /** One capture action on an open {@link TableCapture}. */
    private abstract static class Action implements Callable<Integer> {

        @ParentCommand CaptureCommand parent;

        @Mixin Target target;

        @Override
        public final Integer call() throws Exception {
            Terminal terminal = parent.terminal;
            URI url = target.connect.url(terminal.env());
            String connector =
                    target.connector != null ? target.connector : ConnectorConfig.load().name();
            try (Connection db = target.database.settings(terminal.env()).connect()) {
                return run(new TableCapture(url, connector, db), terminal);
            } catch (CaptureException | SQLException e) {
                terminal.err().println("capture: " + e.getMessage());
                return ExitCodes.FAILURE;
            }
        }

        abstract int run(TableCapture capture, Terminal terminal) throws Exception;
    }

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            description =
                    "Adds the table to the publication and the connector's include list, then"
                            + " starts an incremental snapshot of its existing rows.")
    static final class Add extends Action {

        @Parameters(
                paramLabel = "TABLE",
                description = "e.g. public.orders, orders or '\"Sales\".\"BigOrders\"'")
        String table;

        @Option(
                names = "--timeout",
                paramLabel = "DURATION",
                defaultValue = "2m",
                converter = DurationConverter.class,
                description =
                        "how long to wait for the connector to run with the new table (default:"
                                + " ${DEFAULT-VALUE})")
        Duration timeout;

        @Option(
                names = "--surrogate-key",
                paramLabel = "COLUMN",
                description =
                        "for a table without a primary key: a NOT NULL column with a unique index"
                                + " of its own, by which the snapshot reads the table in chunks;"
                                + " it becomes the table's Kafka key (message.key.columns)")
        String surrogateKey;

        @Override
        int run(TableCapture capture, Terminal terminal) throws Exception {
            TableCapture.AddResult result =
                    capture.add(TableName.parse(table), timeout, surrogateKey);
            terminal.out()
                    .println(
                            "Capturing "
                                    + result.table()
                                    + "; its existing rows follow as an incremental snapshot"
                                    + " (./cdc-lake capture list shows its state)");
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            description =
                    "Lists the tables the include list or the publication selects, each with its"
                            + " snapshot state.")
    static final class ListTables extends Action {

        @Override
        int run(TableCapture capture, Terminal terminal) throws Exception {
            for (CapturedTable table : capture.list()) {
                terminal.out().println(table.describe());
            }
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "snapshot",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            description =
                    "Reads every row of a captured table again (an incremental snapshot, concurrent"
                            + " with streaming).")
    static final class Snapshot extends Action {

        @Parameters(paramLabel = "TABLE", description = "a captured table, e.g. public.orders")
        String table;

        @Option(
                names = "--surrogate-key",
                paramLabel = "COLUMN",
                description =
                        "for a table without a primary key: the column it was added with (capture"
                                + " add --surrogate-key)")
        String surrogateKey;

        @Override
        int run(TableCapture capture, Terminal terminal) throws Exception {
            String signal = capture.snapshot(TableName.parse(table), surrogateKey);
            terminal.out().println("Snapshot of " + table + " requested (signal " + signal + ")");
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "remove",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            description =
                    "Stops capturing the table: out of the include list and the publication; its"
                            + " topic and lake files stay.")
    static final class Remove extends Action {

        @Parameters(paramLabel = "TABLE", description = "e.g. public.orders")
        String table;

        @Option(
                names = "--timeout",
                paramLabel = "DURATION",
                defaultValue = "2m",
                converter = DurationConverter.class,
                description =
                        "how long to wait for the connector to run without the table (default:"
                                + " ${DEFAULT-VALUE})")
        Duration timeout;

        @Override
        int run(TableCapture capture, Terminal terminal) throws Exception {
            TableCapture.RemoveResult result = capture.remove(TableName.parse(table), timeout);
            terminal.out()
                    .println(
                            "No longer capturing "
                                    + result.table()
                                    + " (include list: "
                                    + (result.removedFromIncludeList()
                                            ? "removed"
                                            : "was not in it")
                                    + ", publication: "
                                    + (result.droppedFromPublication()
                                            ? "dropped"
                                            : "was not in it")
                                    + ")");
            return ExitCodes.OK;
        }
    }
}
