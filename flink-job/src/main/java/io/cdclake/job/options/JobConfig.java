package io.cdclake.job.options;

import static io.cdclake.job.options.LakeOptions.*;

import io.cdclake.format.CsvSyntax;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

/**
 * The job's options, parsed and validated once at start. Any problem is reported as an {@link
 * InvalidOptionException} naming the option.
 */
public final class JobConfig implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final Set<String> KNOWN_KEYS =
            ALL.stream().map(ConfigOption::key).collect(Collectors.toUnmodifiableSet());

    private final Map<String, String> values;

    private JobConfig(Map<String, String> values) {
        this.values = values;
    }

    /**
     * Parses {@code --key value} arguments; {@code --config FILE} reads a properties file first,
     * and arguments given on the command line win over it.
     */
    public static JobConfig fromArgs(String[] args) {
        Map<String, String> fromFile = new LinkedHashMap<>();
        Map<String, String> fromArgs = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new InvalidOptionException(arg, "expected --key value, got '" + arg + "'");
            }
            String key = arg.substring(2);
            if (i + 1 >= args.length) {
                throw new InvalidOptionException(key, "has no value");
            }
            String value = args[++i];
            if (key.equals("config")) {
                fromFile.putAll(readProperties(Path.of(value)));
            } else {
                fromArgs.put(key, value);
            }
        }
        Map<String, String> merged = new LinkedHashMap<>(fromFile);
        merged.putAll(fromArgs);
        return fromMap(merged);
    }

    public static JobConfig fromMap(Map<String, String> raw) {
        JobConfig config = new JobConfig(new HashMap<>(raw));
        config.validate();
        return config;
    }

    /**
     * The options that say how the lake's files are written, {@code lake.formats} and {@code
     * csv.delimiter} (null: their defaults), parsed and validated as the job does: the commands
     * that read the lake take the job's values through here.
     */
    public static JobConfig ofFormatOptions(String formats, String csvDelimiter) {
        Map<String, String> values = new HashMap<>();
        if (formats != null) {
            values.put(LAKE_FORMATS.key(), formats);
        }
        if (csvDelimiter != null) {
            values.put(CSV_DELIMITER.key(), csvDelimiter);
        }
        JobConfig config = new JobConfig(values);
        config.validateFormats();
        return config;
    }

    private static Map<String, String> readProperties(Path file) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new InvalidOptionException(
                    "config", "cannot read " + file + ": " + e.getMessage());
        }
        Map<String, String> map = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(k -> map.put(k, properties.getProperty(k).trim()));
        return map;
    }

    private void validateFormats() {
        require(LAKE_FORMATS, !get(LAKE_FORMATS).isEmpty(), "names no format");
        String delimiterProblem = CsvSyntax.delimiterProblem(csvDelimiter());
        require(CSV_DELIMITER, delimiterProblem == null, delimiterProblem);
    }

    private void validate() {
        for (String key : values.keySet()) {
            if (!KNOWN_KEYS.contains(key) && !key.startsWith(KAFKA_PROPERTIES_PREFIX)) {
                throw new InvalidOptionException(
                        key, "is not an option of cdc-lake (see the README's options table)");
            }
        }
        for (ConfigOption<?> option : ALL) {
            if (option.hasDefaultValue() || values.containsKey(option.key())) {
                get(option);
            }
        }
        require(
                KAFKA_BOOTSTRAP_SERVERS,
                !get(KAFKA_BOOTSTRAP_SERVERS).isBlank(),
                "must not be empty");
        if (!values.containsKey(KAFKA_TOPICS.key())) {
            try {
                Pattern.compile(get(KAFKA_TOPIC_PATTERN));
            } catch (PatternSyntaxException e) {
                throw new InvalidOptionException(
                        KAFKA_TOPIC_PATTERN.key(),
                        "is not a regular expression: " + e.getDescription());
            }
        } else {
            require(KAFKA_TOPICS, !get(KAFKA_TOPICS).isEmpty(), "names no topic");
        }
        validateFormats();
        require(LAKE_BUCKET, get(LAKE_BUCKET).matches("[A-Za-z0-9._-]+"), "is not a bucket name");
        require(LAKE_SCHEME, get(LAKE_SCHEME).matches("[a-z][a-z0-9+.-]*"), "is not a URI scheme");
        requirePositive(CHECKPOINT_INTERVAL, get(CHECKPOINT_INTERVAL));
        requirePositive(SINK_BUCKET_CHECK_INTERVAL, get(SINK_BUCKET_CHECK_INTERVAL));
        requirePositive(CSV_ROLLOVER_INTERVAL, get(CSV_ROLLOVER_INTERVAL));
        requirePositive(CSV_INACTIVITY_INTERVAL, get(CSV_INACTIVITY_INTERVAL));
        require(SINK_MAX_PART_SIZE, get(SINK_MAX_PART_SIZE).getBytes() > 0, "must be positive");
        require(DEDUP_WINDOW, get(DEDUP_WINDOW) >= 0, "must not be negative");
        require(DEDUP_SNAPSHOT_ROWS, get(DEDUP_SNAPSHOT_ROWS) >= 0, "must not be negative");
        require(
                PARQUET_ROW_GROUP_SIZE,
                get(PARQUET_ROW_GROUP_SIZE).getBytes() >= 1024,
                "must be at least 1kb");
        require(
                KAFKA_PARTITION_DISCOVERY,
                !get(KAFKA_PARTITION_DISCOVERY).isNegative(),
                "must not be negative");
    }

    private static void requirePositive(ConfigOption<Duration> option, Duration value) {
        require(option, !value.isNegative() && !value.isZero(), "must be positive");
    }

    private static void require(ConfigOption<?> option, boolean ok, String problem) {
        if (!ok) {
            throw new InvalidOptionException(option.key(), problem);
        }
    }

    /** The typed value of an option; a value that does not parse is reported with its key. */
    public <T> T get(ConfigOption<T> option) {
        Configuration configuration = Configuration.fromMap(Map.of());
        String raw = values.get(option.key());
        if (raw == null) {
            if (!option.hasDefaultValue()) {
                throw new InvalidOptionException(option.key(), "is required");
            }
            return option.defaultValue();
        }
        configuration.setString(option.key(), raw);
        try {
            return configuration.get(option);
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException(
                    option.key(), "has an invalid value '" + raw + "': " + rootMessage(e));
        }
    }

    public boolean isSet(ConfigOption<?> option) {
        return values.containsKey(option.key());
    }

    public char csvDelimiter() {
        String raw = get(CSV_DELIMITER);
        if (raw.equals("\\t")) {
            return '\t';
        }
        if (raw.length() != 1) {
            throw new InvalidOptionException(
                    CSV_DELIMITER.key(), "must be one character, got '" + raw + "'");
        }
        return raw.charAt(0);
    }

    /** The lake's root URI, for example {@code s3://lake/cdc}. */
    public String lakeRoot() {
        String base = get(LAKE_BASE_PATH).replaceAll("^/+|/+$", "");
        String root =
                get(LAKE_SCHEME)
                        + "://"
                        + (get(LAKE_SCHEME).equals("file") ? "/" : "")
                        + get(LAKE_BUCKET);
        return base.isEmpty() ? root : root + "/" + base;
    }

    public List<Format> formats() {
        return get(LAKE_FORMATS);
    }

    /** Options given with the {@value LakeOptions#KAFKA_PROPERTIES_PREFIX} prefix, without it. */
    public Properties kafkaProperties() {
        Properties properties = new Properties();
        values.forEach(
                (k, v) -> {
                    if (k.startsWith(KAFKA_PROPERTIES_PREFIX)) {
                        properties.setProperty(k.substring(KAFKA_PROPERTIES_PREFIX.length()), v);
                    }
                });
        return properties;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    @Override
    public String toString() {
        // Kafka properties may carry credentials (sasl.jaas.config); never print their values.
        return values.entrySet().stream()
                .map(
                        e ->
                                e.getKey()
                                        + "="
                                        + (e.getKey().startsWith(KAFKA_PROPERTIES_PREFIX)
                                                ? "***"
                                                : e.getValue()))
                .sorted()
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
