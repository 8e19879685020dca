package io.cdclake.cluster.compose;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yaml as Compose reads it: YAML with merge keys resolved, and {@code ${VAR}},
 * {@code ${VAR:-default}} and {@code $$} interpolated from {@code .env} when asked.
 */
final class ComposeFile {

    private static final Pattern VARIABLE =
            Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private final String text;
    private final Map<String, Object> root;
    private final Map<String, String> dotEnv;

    private ComposeFile(String text, Map<String, Object> root, Map<String, String> dotEnv) {
        this.text = text;
        this.root = root;
        this.dotEnv = dotEnv;
    }

    static ComposeFile load(Path repo) throws IOException {
        String text = Files.readString(repo.resolve("docker-compose.yaml"), StandardCharsets.UTF_8);
        Map<String, Object> root;
        try (Reader in = Files.newBufferedReader(repo.resolve("docker-compose.yaml"))) {
            root = new Yaml().load(in);
        }
        return new ComposeFile(text, root, readDotEnv(repo.resolve(".env")));
    }

    static Map<String, String> readDotEnv(Path file) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String trimmed = line.trim();
            int eq = trimmed.indexOf('=');
            if (!trimmed.isEmpty() && !trimmed.startsWith("#") && eq > 0) {
                values.put(trimmed.substring(0, eq), trimmed.substring(eq + 1));
            }
        }
        return values;
    }

    String text() {
        return text;
    }

    /** The whole file as parsed, merge keys resolved; callers must not change it. */
    Map<String, Object> root() {
        return root;
    }

    /** A fresh parse of the same text, for a caller that wants to change it. */
    Map<String, Object> copyOfRoot() {
        return new Yaml().load(text);
    }

    Map<String, String> dotEnv() {
        return dotEnv;
    }

    Map<String, Object> services() {
        return map(root.get("services"));
    }

    Map<String, Object> service(String name) {
        Object service = services().get(name);
        if (service == null) {
            throw new AssertionError("docker-compose.yaml has no service " + name);
        }
        return map(service);
    }

    Map<String, Object> namedVolumes() {
        Object volumes = root.get("volumes");
        return volumes == null ? Map.of() : map(volumes);
    }

    /** A service's environment, raw (not interpolated). */
    Map<String, String> environment(String service) {
        Map<String, String> env = new LinkedHashMap<>();
        Object raw = service(service).get("environment");
        if (raw != null) {
            map(raw).forEach((k, v) -> env.put(k, v == null ? "" : String.valueOf(v)));
        }
        return env;
    }

    @SuppressWarnings("unchecked")
    List<Object> list(String service, String key) {
        Object value = service(service).get(key);
        return value == null ? List.of() : (List<Object>) value;
    }

    /** Resolves Compose variables the way {@code docker compose} does, from .env only. */
    String interpolate(String value) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group().equals("$$")) {
                replacement = "$";
            } else {
                String set = dotEnv.get(m.group(1));
                if (set == null && m.group(2) == null) {
                    throw new AssertionError(
                            "${"
                                    + m.group(1)
                                    + "} is used in docker-compose.yaml but not set in .env");
                }
                replacement =
                        set != null && !set.isEmpty() ? set : m.group(2) == null ? "" : m.group(2);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * The Flink settings a service appends to its config.yaml ({@code FLINK_PROPERTIES}),
     * interpolated.
     */
    Map<String, String> flinkProperties(String service) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String line :
                interpolate(environment(service).getOrDefault("FLINK_PROPERTIES", ""))
                        .split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                properties.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        return properties;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
