package io.cdclake.stack;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.config.ConfigData;
import org.apache.kafka.common.config.provider.ConfigProvider;

/**
 * The embedded stand-in for Kafka's {@code EnvVarConfigProvider}: resolves {@code ${env:NAME}}
 * placeholders from values the local stack publishes (the embedded PostgreSQL's host, port and
 * credentials), falling back to the process environment.
 *
 * <p>Connect instantiates the provider itself, so the values live in a static map; a JVM cannot set
 * its own environment variables.
 */
public final class LocalStackConfigProvider implements ConfigProvider {

    private static final Map<String, String> VALUES = new ConcurrentHashMap<>();

    public static void put(String name, String value) {
        VALUES.put(name, value);
    }

    public static void putAll(Map<String, String> values) {
        VALUES.putAll(values);
    }

    public static void remove(String name) {
        VALUES.remove(name);
    }

    /** The value a placeholder {@code ${env:name}} resolves to, or null. */
    public static String resolve(String name) {
        String value = VALUES.get(name);
        return value != null ? value : System.getenv(name);
    }

    @Override
    public void configure(Map<String, ?> configs) {}

    /**
     * Like EnvVarConfigProvider, returns everything for an empty path; nothing is a secret here.
     */
    @Override
    public ConfigData get(String path) {
        if (path != null && !path.isEmpty()) {
            return new ConfigData(Map.of());
        }
        Map<String, String> all = new HashMap<>(System.getenv());
        all.putAll(VALUES);
        return new ConfigData(all);
    }

    @Override
    public ConfigData get(String path, Set<String> keys) {
        Map<String, String> data = new HashMap<>();
        if (path == null || path.isEmpty()) {
            for (String key : keys) {
                String value = resolve(key);
                if (value != null) {
                    data.put(key, value);
                }
            }
        }
        return new ConfigData(data);
    }

    @Override
    public void close() {}
}
