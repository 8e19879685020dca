package io.cdclake.loader.cli;

import io.cdclake.loader.ConnectionSettings;
import io.cdclake.loader.changes.ChangeGenerator;
import io.cdclake.loader.changes.ChangeOptions;
import io.cdclake.loader.changes.ChangeResult;
import io.cdclake.loader.changes.OperationMix;
import io.cdclake.loader.schema.TableName;
import java.io.PrintStream;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** {@code changes}: a stream of inserts, updates and deletes for the pipeline to carry. */
public final class ChangesCommand implements Command {

    @Override
    public String name() {
        return "changes";
    }

    @Override
    public String usage() {
        return """
                changes --jdbc-url URL --user U [--password-env VAR | --password-file FILE] [--table T]
                        (--count N | --duration D) [--rate R] [--mix insert=50,update=40,delete=10]
                        [--seed S] [--tx-size N]
                  Changes rows of a table with a single integer primary key (default table customers), --tx-size
                  operations per transaction (default 10), at --rate operations per second (default: as fast as
                  possible) until --count operations or --duration (90, 30s, 5m, 1h) is reached. Prints the
                  committed count per operation. The same --seed (default 42) on the same table state gives the
                  same changes.""";
    }

    @Override
    public Set<String> valuedOptions() {
        Set<String> names = new HashSet<>(ConnectionOptions.NAMES);
        names.addAll(Set.of("table", "count", "rate", "duration", "mix", "seed", "tx-size"));
        return names;
    }

    @Override
    public Set<String> flagOptions() {
        return Set.of();
    }

    @Override
    public int run(Args args, Map<String, String> env, PrintStream out, PrintStream err) throws Exception {
        ChangeOptions options = options(args);
        ConnectionSettings db = ConnectionOptions.from(args, env);
        TableName table = TableName.parse(args.value("table").orElse(LoadCommand.DEFAULT_TABLE));
        try (Connection connection = db.connect()) {
            ChangeGenerator generator = new ChangeGenerator(connection, table, options);
            Thread worker = Thread.currentThread();
            // Ctrl-C during a long run: commit what is pending and still print the counts.
            Thread hook = new Thread(() -> {
                generator.stop();
                try {
                    worker.join(5_000);
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            });
            Runtime.getRuntime().addShutdownHook(hook);
            ChangeResult result;
            try {
                result = generator.run();
            } finally {
                removeHook(hook);
            }
            out.println(result);
        }
        return 0;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running; it only waits for us.
        }
    }

    static ChangeOptions options(Args args) throws UsageException {
        long count = args.has("count") ? LoadCommand.positive(args.longValue("count", 0), "--count") : -1;
        Duration duration = args.has("duration") ? Args.parseDuration(args.required("duration")) : null;
        if (count < 0 && duration == null) {
            throw new UsageException("give --count N or --duration D" + (args.has("rate") ? " with --rate" : ""));
        }
        double rate = args.doubleValue("rate", 0);
        if (args.has("rate") && !(rate > 0 && rate < 1e9)) {
            throw new UsageException("--rate must be a positive number of operations per second");
        }
        OperationMix mix;
        try {
            mix = args.has("mix") ? OperationMix.parse(args.required("mix")) : OperationMix.DEFAULT;
        } catch (IllegalArgumentException e) {
            throw new UsageException("--mix: " + e.getMessage());
        }
        int txSize = Math.toIntExact(LoadCommand.positive(
                args.longValue("tx-size", ChangeOptions.DEFAULT_OPERATIONS_PER_TRANSACTION), "--tx-size"));
        try {
            return new ChangeOptions(mix, args.longValue("seed", LoadCommand.DEFAULT_SEED), count, duration, rate, txSize);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
