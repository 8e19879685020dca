package io.cdclake.connector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A Kafka Connect connector definition, {@code {"name": ..., "config": {...}}}, as shipped in
 * {@value #RESOURCE}. Immutable: overrides return a new instance.
 *
 * <p>Values stay as written: {@code ${env:...}} placeholders are resolved by the Connect worker's
 * config provider, so secrets never pass through this class.
 */
public final class ConnectorConfig {

    /** The classpath location of the project's Debezium PostgreSQL connector definition. */
    public static final String RESOURCE = "connector-config/postgres-connector.json";

    static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final Map<String, String> config;

    private ConnectorConfig(String name, Map<String, String> config) {
        if (name == null || name.isBlank() || name.contains("/")) {
            throw new IllegalArgumentException(
                    "A connector needs a name without '/', got: " + name);
        }
        this.name = name;
        this.config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
    }

    /** The project's connector definition from the classpath. */
    public static ConnectorConfig load() {
        return fromClasspath(RESOURCE);
    }

    public static ConnectorConfig fromClasspath(String resource) {
        try (InputStream in =
                ConnectorConfig.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No resource " + resource + " on the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read resource " + resource, e);
        }
    }

    public static ConnectorConfig fromFile(Path file) throws IOException {
        try {
            return parse(Files.readString(file));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses {@code {"name": ..., "config": {...}}}. Numbers and booleans become strings, as
     * Connect stores every value as a string.
     */
    public static ConnectorConfig parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(
                    "Expected a JSON object with \"name\" and \"config\"");
        }
        JsonNode name = root.get("name");
        JsonNode config = root.get("config");
        if (name == null || !name.isTextual()) {
            throw new IllegalArgumentException("Missing string field \"name\"");
        }
        if (config == null || !config.isObject()) {
            throw new IllegalArgumentException("Missing object field \"config\"");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : config.properties()) {
            JsonNode value = field.getValue();
            if (value.isContainerNode() || value.isNull()) {
                throw new IllegalArgumentException(
                        "Config value of \""
                                + field.getKey()
                                + "\" must be a string, number or boolean");
            }
            values.put(field.getKey(), value.asText());
        }
        return new ConnectorConfig(name.asText(), values);
    }

    public String name() {
        return name;
    }

    /** The configuration in file order, overrides last; unmodifiable. */
    public Map<String, String> config() {
        return config;
    }

    public String get(String key) {
        return config.get(key);
    }

    /** A copy with {@code key} set (replacing the file's value, or added after the others). */
    public ConnectorConfig with(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, () -> "value of " + key);
        Map<String, String> copy = new LinkedHashMap<>(config);
        copy.put(key, value);
        return new ConnectorConfig(name, copy);
    }

    public ConnectorConfig withAll(Map<String, String> overrides) {
        ConnectorConfig result = this;
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            result = result.with(e.getKey(), e.getValue());
        }
        return result;
    }

    /** Applies {@code key=value} (the value may itself contain '='), as given on a command line. */
    public ConnectorConfig withSetting(String setting) {
        int eq = setting.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("Expected key=value, got: " + setting);
        }
        return with(setting.substring(0, eq).trim(), setting.substring(eq + 1));
    }

    public ConnectorConfig without(String key) {
        Map<String, String> copy = new LinkedHashMap<>(config);
        copy.remove(key);
        return new ConnectorConfig(name, copy);
    }

    public ConnectorConfig withName(String newName) {
        return new ConnectorConfig(newName, config);
    }

    /** The flat config object, the body of {@code PUT /connectors/<name>/config}. */
    public String toConfigJson() {
        ObjectNode node = JSON.createObjectNode();
        config.forEach(node::put);
        return node.toString();
    }

    /**
     * The config with the name among its keys, as Connect stores it ({@code GET
     * /connectors/<name>/config} answers it) and validates it.
     */
    public Map<String, String> storedConfig() {
        Map<String, String> stored = new LinkedHashMap<>(config);
        stored.putIfAbsent("name", name);
        return stored;
    }

    /**
     * {@link #storedConfig}, the body of {@code PUT /connector-plugins/<class>/config/validate}.
     */
    public String toValidationJson() {
        ObjectNode node = JSON.createObjectNode();
        storedConfig().forEach(node::put);
        return node.toString();
    }

    /** The full definition, the body of {@code POST /connectors}. */
    public String toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("name", name);
        ObjectNode configNode = node.putObject("config");
        config.forEach(configNode::put);
        return node.toPrettyString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectorConfig other
                && name.equals(other.name)
                && config.equals(other.config);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, config);
    }

    /** Only keys: values may hold credentials when a caller overrides a placeholder. */
    @Override
    public String toString() {
        return "ConnectorConfig{name=" + name + ", keys=" + config.keySet() + "}";
    }
}
