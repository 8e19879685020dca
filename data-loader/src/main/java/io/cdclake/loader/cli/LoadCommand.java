package io.cdclake.loader.cli;

import io.cdclake.loader.ConnectionSettings;
import io.cdclake.loader.csv.CsvSource;
import io.cdclake.loader.generate.TitanicGenerator;
import io.cdclake.loader.generate.TitanicSchema;
import io.cdclake.loader.load.BadRow;
import io.cdclake.loader.load.CsvLoader;
import io.cdclake.loader.load.GeneratedLoader;
import io.cdclake.loader.load.LoadOptions;
import io.cdclake.loader.load.LoadResult;
import io.cdclake.loader.load.Progress;
import io.cdclake.loader.schema.TableName;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code load}: a CSV file, the bundled sample or generated passengers into a table. */
public final class LoadCommand implements Command {

    public static final String DEFAULT_TABLE = "customers";
    public static final long DEFAULT_SEED = 42;

    @Override
    public String name() {
        return "load";
    }

    @Override
    public String usage() {
        return """
                load --jdbc-url URL --user U [--password-env VAR | --password-file FILE] [--table T]
                     (--csv FILE | --sample | --generate N [--seed S])
                     [--primary-key C[,C...]] [--type C=TYPE ...] [--skip-bad-rows] [--publication NAME]
                     [--sample-rows N] [--progress | --no-progress]
                  Loads with COPY in one transaction, creating the table when missing (types inferred from the
                  first --sample-rows rows, default 10000, unless given with --type), sets REPLICA IDENTITY FULL
                  and adds the table to the publication (default cdc_lake). --table defaults to customers.
                  --sample loads the bundled titanic.csv (primary key PassengerId unless given);
                  --generate N makes N titanic-shaped passengers from --seed (default 42).""";
    }

    @Override
    public Set<String> valuedOptions() {
        Set<String> names = new HashSet<>(ConnectionOptions.NAMES);
        names.addAll(Set.of("table", "csv", "generate", "seed", "primary-key", "type", "publication", "sample-rows"));
        return names;
    }

    @Override
    public Set<String> flagOptions() {
        return Set.of("sample", "skip-bad-rows", "progress", "no-progress");
    }

    @Override
    public int run(Args args, Map<String, String> env, PrintStream out, PrintStream err) throws Exception {
        long sources = List.of("csv", "sample", "generate").stream().filter(args::has).count();
        if (sources != 1) {
            throw new UsageException("give exactly one of --csv FILE, --sample or --generate N");
        }
        if (args.has("seed") && !args.has("generate")) {
            throw new UsageException("--seed only applies to --generate");
        }
        LoadOptions options = options(args, err);
        ConnectionSettings db = ConnectionOptions.from(args, env);
        CsvSource source = source(args);
        int rows = source != null ? 0 : generatedRows(args);
        LoadResult result;
        try (Connection connection = db.connect()) {
            if (source == null) {
                result = GeneratedLoader.load(connection, new TitanicGenerator(args.longValue("seed", DEFAULT_SEED)), rows, options);
            } else {
                result = CsvLoader.load(connection, source, options);
            }
        }
        report(result, options.publication(), out, err);
        return 0;
    }

    private static LoadOptions options(Args args, PrintStream err) throws UsageException {
        LoadOptions options = LoadOptions.into(TableName.parse(args.value("table").orElse(DEFAULT_TABLE)))
                .withSkipBadRows(args.flag("skip-bad-rows"))
                .withInferenceSampleRows((int) Math.min(Integer.MAX_VALUE,
                        positive(args.longValue("sample-rows", LoadOptions.DEFAULT_SAMPLE_ROWS), "--sample-rows")));
        if (args.has("publication")) {
            options = options.withPublication(args.required("publication"));
        }
        if (args.flag("progress") && args.flag("no-progress")) {
            throw new UsageException("give --progress or --no-progress, not both");
        }
        Progress progress = args.flag("progress") ? Progress.ALWAYS : args.flag("no-progress") ? Progress.NEVER : Progress.AUTO;
        options = options.withProgress(progress, err);
        if (args.has("primary-key")) {
            options = options.withPrimaryKey(Arrays.stream(args.required("primary-key").split(",")).map(String::trim).toList());
        } else if (args.flag("sample")) {
            options = options.withPrimaryKey(List.of(TitanicSchema.PRIMARY_KEY));
        }
        for (String type : args.values("type")) {
            int eq = type.indexOf('=');
            if (eq <= 0 || eq == type.length() - 1) {
                throw new UsageException("--type takes COLUMN=TYPE, e.g. --type Age=numeric, not '" + type + "'");
            }
            options = options.withType(type.substring(0, eq), type.substring(eq + 1));
        }
        return options;
    }

    private static CsvSource source(Args args) throws UsageException {
        if (args.flag("sample")) {
            return CsvSource.classpath(TitanicSchema.SAMPLE_RESOURCE);
        }
        if (args.has("csv")) {
            Path file = Path.of(args.required("csv"));
            if (!Files.isReadable(file)) {
                throw new UsageException("--csv " + file + ": no such readable file");
            }
            return CsvSource.file(file);
        }
        return null;
    }

    private static int generatedRows(Args args) throws UsageException {
        long rows = positive(args.longValue("generate", 0), "--generate");
        if (rows > Integer.MAX_VALUE) {
            throw new UsageException("--generate makes at most " + Integer.MAX_VALUE + " rows (PassengerId is an integer)");
        }
        return (int) rows;
    }

    static long positive(long value, String option) throws UsageException {
        if (value <= 0) {
            throw new UsageException(option + " must be positive");
        }
        return value;
    }

    private static void report(LoadResult result, String publication, PrintStream out, PrintStream err) {
        for (String warning : result.warnings()) {
            err.println("warning: " + warning);
        }
        out.printf(Locale.ROOT, "loaded %d rows into %s in %.2f s%n", result.rowsLoaded(), result.table(),
                result.elapsed().toNanos() / 1e9);
        if (result.tableCreated()) {
            out.println("created table " + result.table() + " ("
                    + result.columns().stream().map(Object::toString).collect(Collectors.joining(", ")) + ")");
        }
        if (result.publication() != null) {
            out.println("publication " + publication + ": " + result.publication().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        }
        if (result.badRowCount() > 0) {
            out.println("skipped " + result.badRowCount() + " bad rows" + (result.badRowCount() > result.badRows().size() ? "; the first ones:" : ":"));
            for (BadRow bad : result.badRows()) {
                out.println("  " + bad);
            }
        }
    }
}
