package io.cdclake.cli.load;

import io.cdclake.cli.ConnectionOptions;
import io.cdclake.commandline.DurationConverter;
import io.cdclake.commandline.ExitCodes;
import io.cdclake.commandline.Terminal;
import io.cdclake.commandline.VersionProvider;
import io.cdclake.loader.ChangeRun;
import io.cdclake.loader.DataLoader;
import io.cdclake.loader.changes.ChangeException;
import io.cdclake.loader.changes.ChangeOptions;
import io.cdclake.loader.changes.OperationMix;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code changes}: a stream of inserts, updates and deletes for the pipeline to carry. */
@Command(
        name = "changes",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        sortSynopsis = false,
        description =
                "Changes rows of a table with a single integer primary key, --tx-size operations"
                    + " per transaction, at --rate operations per second until --count operations"
                    + " or --duration is reached. Prints the committed count per operation. The"
                    + " same --seed on the same table state gives the same changes.")
public final class ChangesCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;

    @Mixin private ConnectionOptions connection;

    @Mixin private TableOption table;

    @Option(names = "--count", paramLabel = "N", description = "stop after N operations")
    private Long count;

    @Option(
            names = "--duration",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "stop after this long, e.g. 90s, 5m, 1h")
    private Duration duration;

    @Option(
            names = "--rate",
            paramLabel = "R",
            description = "operations per second (default: as fast as possible)")
    private Double rate;

    @Option(
            names = "--mix",
            paramLabel = "insert=N,update=N,delete=N",
            description = "the operations' weights (default: insert=50,update=40,delete=10)")
    private String mix;

    @Option(
            names = "--seed",
            paramLabel = "S",
            description = "seed of the generated changes (default: ${DEFAULT-VALUE})")
    private long seed = LoadCommand.DEFAULT_SEED;

    @Option(
            names = "--tx-size",
            paramLabel = "N",
            description = "operations per transaction (default: ${DEFAULT-VALUE})")
    private long txSize = ChangeOptions.DEFAULT_OPERATIONS_PER_TRANSACTION;

    private final Terminal terminal;

    public ChangesCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        ChangeOptions options = options();
        DataLoader loader = new DataLoader(connection.settings(terminal.env()));
        ChangeRun run = loader.changes(table.table(), options);
        Thread worker = Thread.currentThread();
        // Ctrl-C during a long run: commit what is pending and still print the counts.
        Thread hook =
                new Thread(
                        () -> {
                            run.stop();
                            try {
                                worker.join(5_000);
                            } catch (InterruptedException ignored) {
                                Thread.currentThread().interrupt();
                            }
                        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            terminal.out().println(run.run());
        } catch (ChangeException e) {
            terminal.err().println(e.getMessage());
            return ExitCodes.FAILURE;
        } finally {
            removeHook(hook);
        }
        return ExitCodes.OK;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running; it only waits for us.
        }
    }

    private ChangeOptions options() {
        long operations = count != null ? LoadCommand.positive(spec, count, "--count") : -1;
        if (operations < 0 && duration == null) {
            throw usageError(
                    "give --count N or --duration D" + (rate != null ? " with --rate" : ""));
        }
        if (rate != null && !(rate > 0 && rate < 1e9)) {
            throw usageError("--rate must be a positive number of operations per second");
        }
        OperationMix operationMix;
        try {
            operationMix = mix != null ? OperationMix.parse(mix) : OperationMix.DEFAULT;
        } catch (IllegalArgumentException e) {
            throw usageError("--mix: " + e.getMessage());
        }
        int operationsPerTransaction =
                Math.toIntExact(LoadCommand.positive(spec, txSize, "--tx-size"));
        try {
            return new ChangeOptions(
                    operationMix,
                    seed,
                    operations,
                    duration,
                    rate != null ? rate : 0,
                    operationsPerTransaction);
        } catch (IllegalArgumentException e) {
            throw usageError(e.getMessage());
        }
    }

    private ParameterException usageError(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
