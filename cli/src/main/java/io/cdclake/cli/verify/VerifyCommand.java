package io.cdclake.cli.verify;

import io.cdclake.format.TableId;
import io.cdclake.reader.S3Access;
import io.cdclake.reader.verify.LakeVerifier;
import io.cdclake.reader.verify.VerifyException;
import io.cdclake.reader.verify.VerifyReport;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.flink.util.TimeUtils;

/**
 * {@code ./cdc-lake verify}: replays one table's changelog from the lake and compares it with the
 * table in PostgreSQL, compares the table's CSV files with its Parquet files, and lists leftovers
 * of writers. Exit code 0 when the lake matches, 1 when it does not (or could not be read), 2 for
 * usage errors (including a table that does not exist or has no key). Leftovers are warnings.
 *
 * <p>Credentials come only from environment variables, named by options; they are never printed.
 */
public final class VerifyCommand {

    static final String USAGE = String.join("\n",
            "usage: ./cdc-lake verify --table SCHEMA.TABLE --jdbc-url URL --user USER --lake LAKE [options]",
            "",
            "Replays the table's changes from the lake's Parquet files and compares the result with the",
            "table in PostgreSQL: rows missing from the lake, extra rows, differing values, duplicate events",
            "(a repeated _topic/_partition/_offset/_image, or an event re-sent under a new offset), rows with an",
            "unknown _op or _image, updates and deletes of rows the lake never had. Compares the table's CSV",
            "files with its Parquet files: the same rows (by _topic/_partition/_offset/_image) and values, every",
            "file parsing to its end under a header of the Parquet columns. Lists leftovers older than",
            "--leftover-age as warnings: hidden in-progress part files and incomplete S3 multipart uploads.",
            "Exit code 0 when the lake matches, 1 when it does not, 2 for usage errors; leftovers do not count.",
            "",
            "  --table SCHEMA.TABLE          the table, e.g. public.customers (schema defaults to public)",
            "  --jdbc-url URL                e.g. jdbc:postgresql://localhost:5432/postgres",
            "  --user USER                   database user",
            "  --password-env NAME           environment variable holding the password (default PGPASSWORD, if set)",
            "  --lake LAKE                   the lake root: s3://bucket[/base-path], file:///path or a local path",
            "  --formats LIST                the job's lake.formats: parquet,csv (default) or parquet",
            "  --csv-delimiter C             the job's csv.delimiter, one character or \\t (default ,)",
            "  --leftover-age DURATION       list in-progress files and incomplete uploads older than this (default 1h)",
            "  --s3-endpoint URL             S3 endpoint, e.g. http://localhost:9000 (path-style access)",
            "  --s3-access-key-env NAME      environment variable holding the S3 access key (default AWS_ACCESS_KEY_ID)",
            "  --s3-secret-key-env NAME      environment variable holding the S3 secret key (default AWS_SECRET_ACCESS_KEY)",
            "  --work-dir DIR                where part files of a lake in S3 are cached (default: a folder in the temp dir)",
            "  --max-examples N              examples listed per kind of difference (default 5)");

    private static final Set<String> OPTIONS = Set.of(
            "--table", "--jdbc-url", "--user", "--password-env", "--lake", "--formats", "--csv-delimiter",
            "--leftover-age", "--s3-endpoint", "--s3-access-key-env", "--s3-secret-key-env", "--work-dir", "--max-examples");

    private VerifyCommand() {}

    /** A mistake in the command line. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /**
     * Runs the command.
     *
     * @param args the options, with or without a leading {@code verify}
     * @param env the environment, where credentials are looked up
     * @return 0 when the lake matches, 1 when it does not or could not be verified, 2 for usage errors
     */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        Map<String, String> options;
        try {
            options = parse(args);
        } catch (UsageException e) {
            err.println("verify: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (options.containsKey("--help")) {
            out.println(USAGE);
            return 0;
        }
        try {
            TableId table = parseTable(options.get("--table"));
            String lake = lakeRoot(options.get("--lake"));
            int maxExamples = maxExamples(options.get("--max-examples"));
            Path workDir = options.containsKey("--work-dir")
                    ? Path.of(options.get("--work-dir"))
                    : Path.of(System.getProperty("java.io.tmpdir"), "cdc-lake-verify");
            Properties connectionProperties = connectionProperties(options, env);
            boolean checkCsv = checkCsv(options.get("--formats"));
            char delimiter = csvDelimiter(options.get("--csv-delimiter"));
            Duration leftoverAge = leftoverAge(options.get("--leftover-age"));
            S3Access s3 = isS3(lake) ? s3Access(options, env) : null;

            VerifyReport report;
            LakeVerifier verifier = new LakeVerifier(lake).maxExamples(maxExamples).tempDir(workDir.resolve("cache"))
                    .checkCsv(checkCsv).csvDelimiter(delimiter).leftoverAge(leftoverAge).s3(s3);
            try (Connection connection = DriverManager.getConnection(options.get("--jdbc-url"), connectionProperties)) {
                report = verifier.verify(connection, table);
            }
            out.print(report.render());
            out.flush();
            return report.matches() ? 0 : 1;
        } catch (UsageException e) {
            err.println("verify: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (VerifyException e) {
            err.println("verify: " + e.getMessage());
            return 2;
        } catch (SQLException e) {
            err.println("verify: database error: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("verify: cannot read the lake: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("verify: failed: " + e);
            return 1;
        }
    }

    static Map<String, String> parse(String[] args) throws UsageException {
        Map<String, String> options = new LinkedHashMap<>();
        int start = args.length > 0 && args[0].equals("verify") ? 1 : 0;
        for (int i = start; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                options.put("--help", "");
                return options;
            }
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (!OPTIONS.contains(name)) {
                throw new UsageException("unknown option '" + name + "'");
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException(name + " needs a value");
                }
                value = args[++i];
            }
            if (options.put(name, value) != null) {
                throw new UsageException(name + " given twice");
            }
        }
        for (String required : new String[] {"--table", "--jdbc-url", "--user", "--lake"}) {
            if (!options.containsKey(required) || options.get(required).isBlank()) {
                throw new UsageException(required + " is required");
            }
        }
        return options;
    }

    /** {@code schema.table}, or {@code table} in {@code public}; double quotes keep dots and case. */
    static TableId parseTable(String text) throws UsageException {
        String s = text.trim();
        String schema;
        String table;
        if (s.startsWith("\"")) {
            int end = closingQuote(s, 0);
            schema = unquote(s.substring(0, end + 1));
            if (end + 1 == s.length()) {
                return new TableId("public", schema);
            }
            if (s.charAt(end + 1) != '.') {
                throw new UsageException("--table '" + text + "' is not SCHEMA.TABLE");
            }
            table = s.substring(end + 2);
        } else {
            int dot = s.indexOf('.');
            if (dot < 0) {
                return new TableId("public", s);
            }
            schema = s.substring(0, dot);
            table = s.substring(dot + 1);
        }
        table = table.startsWith("\"") ? unquote(table) : table;
        if (schema.isEmpty() || table.isEmpty()) {
            throw new UsageException("--table '" + text + "' is not SCHEMA.TABLE");
        }
        return new TableId(schema, table);
    }

    private static int closingQuote(String s, int open) throws UsageException {
        for (int i = open + 1; i < s.length(); i++) {
            if (s.charAt(i) == '"') {
                if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                    i++;
                } else {
                    return i;
                }
            }
        }
        throw new UsageException("--table '" + s + "' has an unclosed quote");
    }

    private static String unquote(String quoted) throws UsageException {
        if (quoted.length() < 2 || !quoted.endsWith("\"")) {
            throw new UsageException("--table: bad quoted name " + quoted);
        }
        return quoted.substring(1, quoted.length() - 1).replace("\"\"", "\"");
    }

    /** The lake root as a URI without trailing slashes; a path without scheme is a local folder. */
    static String lakeRoot(String lake) throws UsageException {
        String trimmed = lake.trim();
        URI uri;
        try {
            uri = URI.create(trimmed);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--lake '" + lake + "' is not a URI: " + e.getMessage());
        }
        if (uri.getScheme() == null) {
            return Path.of(trimmed).toAbsolutePath().normalize().toUri().toString().replaceAll("/+$", "");
        }
        if (isS3(trimmed) && (uri.getAuthority() == null || uri.getAuthority().isEmpty())) {
            throw new UsageException("--lake '" + lake + "' names no bucket (s3://bucket[/base-path])");
        }
        return trimmed.replaceAll("/+$", "");
    }

    private static boolean isS3(String lake) {
        return lake.startsWith("s3://") || lake.startsWith("s3a://");
    }

    /** Whether CSV files are compared: the job's {@code lake.formats}, separated by {@code ,} or {@code ;}. */
    static boolean checkCsv(String formats) throws UsageException {
        if (formats == null) {
            return true;
        }
        Set<String> names = new java.util.HashSet<>();
        for (String name : formats.split("[,;]")) {
            String format = name.trim().toLowerCase(java.util.Locale.ROOT);
            if (!format.equals("parquet") && !format.equals("csv")) {
                throw new UsageException("--formats '" + formats + "': each format is parquet or csv");
            }
            names.add(format);
        }
        if (!names.contains("parquet")) {
            throw new UsageException("--formats '" + formats + "': verify replays the Parquet files, so parquet must be one");
        }
        return names.contains("csv");
    }

    static char csvDelimiter(String value) throws UsageException {
        if (value == null) {
            return ',';
        }
        if (value.equals("\\t")) {
            return '\t';
        }
        if (value.length() != 1 || value.equals("\"") || value.equals("\r") || value.equals("\n")) {
            throw new UsageException("--csv-delimiter '" + value + "' is not one character (\\t for tab) other than a quote or line break");
        }
        return value.charAt(0);
    }

    static Duration leftoverAge(String value) throws UsageException {
        if (value == null) {
            return LakeVerifier.DEFAULT_LEFTOVER_AGE;
        }
        try {
            Duration age = TimeUtils.parseDuration(value.trim());
            if (age.isNegative()) {
                throw new IllegalArgumentException("negative");
            }
            return age;
        } catch (IllegalArgumentException e) {
            throw new UsageException("--leftover-age '" + value + "' is not a duration such as 1h, 30min or 2d");
        }
    }

    private static int maxExamples(String value) throws UsageException {
        if (value == null) {
            return LakeVerifier.DEFAULT_MAX_EXAMPLES;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("--max-examples '" + value + "' is not a number >= 0");
        }
    }

    private static Properties connectionProperties(Map<String, String> options, Map<String, String> env) throws UsageException {
        Properties properties = new Properties();
        properties.setProperty("user", options.get("--user"));
        String passwordEnv = options.get("--password-env");
        String password = passwordEnv == null ? env.get("PGPASSWORD") : env.get(passwordEnv);
        if (passwordEnv != null && password == null) {
            throw new UsageException("environment variable " + passwordEnv + " (--password-env) is not set");
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", "cdc-lake verify");
        properties.setProperty("connectTimeout", "10");
        return properties;
    }

    /** Where the lake's S3 is and the credentials for it (null: the SDK's defaults). */
    private static S3Access s3Access(Map<String, String> options, Map<String, String> env) throws UsageException {
        return new S3Access(options.get("--s3-endpoint"),
                credential(options, env, "--s3-access-key-env", "AWS_ACCESS_KEY_ID"),
                credential(options, env, "--s3-secret-key-env", "AWS_SECRET_ACCESS_KEY"),
                env.getOrDefault("AWS_REGION", S3Access.DEFAULT_REGION));
    }

    /** The value of the variable the option names (required to be set), else of the default variable (optional). */
    private static String credential(Map<String, String> options, Map<String, String> env, String option, String defaultVariable)
            throws UsageException {
        String variable = options.get(option);
        if (variable == null) {
            return env.get(defaultVariable);
        }
        String value = env.get(variable);
        if (value == null) {
            throw new UsageException("environment variable " + variable + " (" + option + ") is not set");
        }
        return value;
    }
}
