package io.cdclake.cli.verify;

import io.cdclake.cli.LakeFormatOptions;
import io.cdclake.cli.LakeLocationOptions;
import io.cdclake.cli.StateCatalogOptions;
import io.cdclake.commandline.DurationConverter;
import io.cdclake.commandline.ExitCodes;
import io.cdclake.commandline.NoPasswordOption;
import io.cdclake.commandline.Terminal;
import io.cdclake.commandline.VersionProvider;
import io.cdclake.format.TableId;
import io.cdclake.postgres.PgTable;
import io.cdclake.reader.S3Access;
import io.cdclake.reader.state.CurrentState;
import io.cdclake.reader.state.StateCatalog;
import io.cdclake.reader.verify.LakeVerifier;
import io.cdclake.reader.verify.VerifyException;
import io.cdclake.reader.verify.VerifyReport;
import java.io.IOException;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./cdc-lake verify}: replays one table's changelog from the lake and compares it with the
 * table in PostgreSQL, compares the table's CSV files with its Parquet files, and lists leftovers
 * of writers. Exit code 0 when the lake matches, 1 when it does not (or could not be read), 2 for
 * usage errors (including a table that does not exist or has no key). Leftovers are warnings.
 *
 * <p>Credentials come only from environment variables, named by options; they are never printed.
 */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        sortSynopsis = false,
        description = {
            "Replays the table's changes from the lake's Parquet files and compares the result with"
                + " the table in PostgreSQL: rows missing from the lake, extra rows, differing"
                + " values, duplicate events (a repeated _topic/_partition/_offset/_image, or an"
                + " event re-sent under a new offset), rows with an unknown _op or _image, updates"
                + " and deletes of rows the lake never had. Compares the table's CSV files with its"
                + " Parquet files: the same rows (by _topic/_partition/_offset/_image) and values,"
                + " every file parsing to its end under a header of the Parquet columns. Lists"
                + " leftovers older than --leftover-age as warnings: hidden in-progress part files"
                + " and incomplete S3 multipart uploads.",
            "Exit code 0 when the lake matches, 1 when it does not, 2 for usage errors; leftovers"
                    + " do not count."
        })
public final class VerifyCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;

    @Option(
            names = "--table",
            paramLabel = "SCHEMA.TABLE",
            required = true,
            description =
                    "the table, e.g. public.customers, read as psql reads it: unquoted folds to"
                        + " lower case, \"Quoted\" keeps its case, the schema defaults to public")
    private String table;

    @Option(
            names = "--source",
            paramLabel = "NAME",
            description =
                    "the table's source: the connector's topic.prefix (needed only when several"
                            + " sources of the lake hold the table)")
    private String source;

    @Option(
            names = "--jdbc-url",
            paramLabel = "URL",
            required = true,
            description = "e.g. jdbc:postgresql://localhost:5432/postgres")
    private String jdbcUrl;

    @Option(names = "--user", paramLabel = "USER", required = true, description = "database user")
    private String user;

    @Option(
            names = "--password-env",
            paramLabel = "NAME",
            description = "environment variable holding the password (default PGPASSWORD, if set)")
    private String passwordEnv;

    @Mixin private NoPasswordOption noPassword;

    @Mixin private LakeLocationOptions location;

    @Mixin private LakeFormatOptions lakeFormats;

    @Mixin private StateCatalogOptions catalog;

    @Option(
            names = "--leftover-age",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "1h",
            description =
                    "list in-progress files and incomplete uploads older than this (default"
                            + " ${DEFAULT-VALUE})")
    private Duration leftoverAge;

    @Option(
            names = "--max-examples",
            paramLabel = "N",
            description = "examples listed per kind of difference (default ${DEFAULT-VALUE})")
    private int maxExamples = LakeVerifier.DEFAULT_MAX_EXAMPLES;

    private final Terminal terminal;

    public VerifyCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    /** A value the command line cannot take, found after parsing. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /**
     * Returns 0 when the lake matches, 1 when it does not or could not be verified, 2 for usage
     * errors.
     */
    @Override
    public Integer call() {
        PrintStream out = terminal.out();
        PrintStream err = terminal.err();
        Map<String, String> env = terminal.env();
        try {
            TableId tableId = parseTable(table).withSource(source);
            String lakeRoot = location.lakeRoot();
            if (maxExamples < 0) {
                throw new UsageException("--max-examples must be 0 or more, not " + maxExamples);
            }
            Properties connectionProperties = connectionProperties(env);
            boolean checkCsv = lakeFormats.checkCsv();
            char delimiter = lakeFormats.csvDelimiter();
            S3Access s3 = location.s3Access(env);

            VerifyReport report;
            LakeVerifier verifier =
                    new LakeVerifier(lakeRoot)
                            .maxExamples(maxExamples)
                            .tempDir(location.cacheDir())
                            .checkCsv(checkCsv)
                            .csvDelimiter(delimiter)
                            .leftoverAge(leftoverAge)
                            .s3(s3);
            try (StateCatalog states =
                            catalog.given() ? catalog.open(lakeRoot, s3, env, false) : null;
                    Connection connection =
                            DriverManager.getConnection(jdbcUrl, connectionProperties)) {
                if (states != null) {
                    verifier.states(
                            (id, asOf) -> CurrentState.load(states, id, location.workDir()));
                }
                report = verifier.verify(connection, tableId);
            }
            out.print(report.render());
            out.flush();
            return report.matches() ? ExitCodes.OK : ExitCodes.FAILURE;
        } catch (UsageException | LakeLocationOptions.UsageException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (VerifyException e) {
            err.println("verify: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (SQLException e) {
            err.println("verify: database error: " + e.getMessage());
            return ExitCodes.FAILURE;
        } catch (IOException e) {
            err.println("verify: cannot read the lake: " + e.getMessage());
            return ExitCodes.FAILURE;
        } catch (RuntimeException e) {
            err.println("verify: failed: " + e);
            return ExitCodes.FAILURE;
        }
    }

    /** {@code --table} as psql reads a name ({@link PgTable#parse}). */
    static TableId parseTable(String text) throws UsageException {
        try {
            PgTable table = PgTable.parse(text);
            return new TableId(table.schema(), table.name());
        } catch (IllegalArgumentException e) {
            throw new UsageException("--table '" + text + "': " + e.getMessage());
        }
    }

    private Properties connectionProperties(Map<String, String> env) throws UsageException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        String password = passwordEnv == null ? env.get("PGPASSWORD") : env.get(passwordEnv);
        if (passwordEnv != null && password == null) {
            throw new UsageException(
                    "environment variable " + passwordEnv + " (--password-env) is not set");
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", "cdc-lake verify");
        properties.setProperty("connectTimeout", "10");
        return properties;
    }
}
