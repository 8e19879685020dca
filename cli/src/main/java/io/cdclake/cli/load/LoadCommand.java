package io.cdclake.cli.load;

import io.cdclake.cli.ConnectionOptions;
import io.cdclake.commandline.ExitCodes;
import io.cdclake.commandline.Terminal;
import io.cdclake.commandline.VersionProvider;
import io.cdclake.loader.DataLoader;
import io.cdclake.loader.load.LoadException;
import io.cdclake.loader.load.LoadOptions;
import io.cdclake.loader.load.LoadResult;
import io.cdclake.loader.load.LoadSource;
import io.cdclake.loader.load.Progress;
import io.cdclake.postgres.PgTable;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code load}: a CSV file, the bundled sample or generated passengers into a table. */
@Command(
        name = "load",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        sortSynopsis = false,
        description = {
            "Loads with COPY in one transaction, creating the table when missing (types inferred"
                + " from the first --sample-rows rows unless given with --type), sets REPLICA"
                + " IDENTITY FULL and adds the table to the publication. Give exactly one of --csv,"
                + " --sample or --generate. A bad row stops the load naming its line and column,"
                + " unless --skip-bad-rows."
        })
public final class LoadCommand implements Callable<Integer> {

    public static final long DEFAULT_SEED = 42;

    @Spec private CommandSpec spec;

    @Mixin private ConnectionOptions connection;

    @Mixin private TableOption table;

    @Option(
            names = "--csv",
            paramLabel = "FILE",
            description = "load this CSV file (with a header)")
    private Path csv;

    @Option(
            names = "--sample",
            description = "load the bundled titanic.csv (primary key PassengerId unless given)")
    private boolean sample;

    @Option(
            names = "--generate",
            paramLabel = "N",
            description = "load N generated titanic-shaped passengers")
    private Long generate;

    @Option(
            names = "--seed",
            paramLabel = "S",
            description = "seed of --generate (default: " + DEFAULT_SEED + ")")
    private Long seed;

    @Option(
            names = "--primary-key",
            paramLabel = "COLUMN[,COLUMN...]",
            description = "the new table's primary key")
    private String primaryKey;

    @Option(
            names = "--type",
            paramLabel = "COLUMN=TYPE",
            description =
                    "a column's SQL type instead of the inferred one, repeatable (e.g."
                            + " Age=numeric(5,2))")
    private List<String> types = new ArrayList<>();

    @Option(
            names = "--skip-bad-rows",
            description = "skip rows that do not fit the table and list them, instead of stopping")
    private boolean skipBadRows;

    @Option(
            names = "--publication",
            paramLabel = "NAME",
            description = "the publication to add the table to (default: cdc_lake)")
    private String publication;

    @Option(
            names = "--sample-rows",
            paramLabel = "N",
            description = "rows read to infer the column types (default: ${DEFAULT-VALUE})")
    private long sampleRows = LoadOptions.DEFAULT_SAMPLE_ROWS;

    @Option(
            names = "--progress",
            description = "always report progress (default: only on a terminal)")
    private boolean progress;

    @Option(names = "--no-progress", description = "never report progress")
    private boolean noProgress;

    private final Terminal terminal;

    public LoadCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        long sources = (csv != null ? 1 : 0) + (sample ? 1 : 0) + (generate != null ? 1 : 0);
        if (sources != 1) {
            throw usageError("give exactly one of --csv FILE, --sample or --generate N");
        }
        if (seed != null && generate == null) {
            throw usageError("--seed only applies to --generate");
        }
        LoadOptions options = options(terminal.err());
        DataLoader loader = new DataLoader(connection.settings(terminal.env()));
        LoadSource source = source();
        LoadResult result;
        try {
            Optional<PgTable> meant = loader.tableMeantInstead(table.typed());
            if (meant.isPresent()) {
                terminal.err()
                        .println(
                                "load failed, nothing was changed: "
                                        + tableAsTypedOtherwise(options.table(), meant.get()));
                return ExitCodes.FAILURE;
            }
            result = loader.load(source, options);
        } catch (LoadException e) {
            terminal.err().println("load failed, nothing was changed: " + e.getMessage());
            return ExitCodes.FAILURE;
        }
        LoadReport.print(result, options.publication(), terminal.out(), terminal.err());
        return ExitCodes.OK;
    }

    /**
     * Why loading would miss the table the user means: {@code --table Orders} is {@code
     * public.orders}, as in psql, and would create it although a table {@code "Orders"} exists.
     */
    private String tableAsTypedOtherwise(PgTable folded, PgTable asTyped) {
        return "--table "
                + table.typed()
                + " names "
                + folded
                + " (unquoted names fold to lower case, as in psql), which does not exist, while "
                + asTyped.sql()
                + " does; to load into that one, quote it: --table '"
                + asTyped.sql()
                + "'";
    }

    /** The columns of {@code --primary-key COLUMN[,COLUMN...]}; the demo takes the same list. */
    public static List<String> keyColumns(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).toList();
    }

    private LoadOptions options(PrintStream err) {
        LoadOptions options =
                LoadOptions.into(table.table())
                        .withSkipBadRows(skipBadRows)
                        .withInferenceSampleRows(
                                (int)
                                        Math.min(
                                                Integer.MAX_VALUE,
                                                positive(spec, sampleRows, "--sample-rows")));
        if (publication != null) {
            options = options.withPublication(publication);
        }
        if (progress && noProgress) {
            throw usageError("give --progress or --no-progress, not both");
        }
        Progress mode = progress ? Progress.ALWAYS : noProgress ? Progress.NEVER : Progress.AUTO;
        options = options.withProgress(mode, err);
        if (primaryKey != null) {
            options = options.withPrimaryKey(keyColumns(primaryKey));
        }
        for (String type : types) {
            int eq = type.indexOf('=');
            if (eq <= 0 || eq == type.length() - 1) {
                throw usageError(
                        "--type takes COLUMN=TYPE, e.g. --type Age=numeric, not '" + type + "'");
            }
            options = options.withType(type.substring(0, eq), type.substring(eq + 1));
        }
        return options;
    }

    private LoadSource source() {
        if (sample) {
            return LoadSource.sample();
        }
        if (csv != null) {
            if (!Files.isReadable(csv)) {
                throw usageError("--csv " + csv + ": no such readable file");
            }
            return LoadSource.csv(csv);
        }
        return LoadSource.generated(generatedRows(), seed != null ? seed : DEFAULT_SEED);
    }

    private int generatedRows() {
        long rows = positive(spec, generate, "--generate");
        if (rows > Integer.MAX_VALUE) {
            throw usageError(
                    "--generate makes at most "
                            + Integer.MAX_VALUE
                            + " rows (PassengerId is an integer)");
        }
        return (int) rows;
    }

    static long positive(CommandSpec spec, long value, String option) {
        if (value <= 0) {
            throw new ParameterException(spec.commandLine(), option + " must be positive");
        }
        return value;
    }

    private ParameterException usageError(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
