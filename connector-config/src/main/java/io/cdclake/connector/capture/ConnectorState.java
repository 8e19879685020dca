package io.cdclake.connector.capture;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdclake.connector.ConnectorConfig;
import io.cdclake.connector.KafkaConnectClient;
import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what Kafka Connect's REST API knows about one connector: its stored configuration
 * (placeholders unresolved), its tasks' configurations and its source offsets (KIP-875).
 */
final class ConnectorState {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RETRY_FOR = Duration.ofSeconds(30);

    private final KafkaConnectClient connect;

    ConnectorState(KafkaConnectClient connect) {
        this.connect = connect;
    }

    /** The connector's configuration as registered, or empty when there is no such connector. */
    Optional<ConnectorConfig> config(String name) throws InterruptedException {
        JsonNode config = get(KafkaConnectClient.connectorPath(name) + "/config");
        if (config == null) {
            return Optional.empty();
        }
        ConnectorConfig result =
                ConnectorConfig.parse(
                        JSON.createObjectNode().put("name", name).set("config", config).toString());
        // Connect adds the name to what it stores; it is not part of the definition.
        return Optional.of(result.without("name"));
    }

    /** True once every task of the connector was configured with {@code key=value}. */
    boolean tasksConfiguredWith(String name, String key, String value) throws InterruptedException {
        JsonNode tasks = get(KafkaConnectClient.connectorPath(name) + "/tasks");
        if (tasks == null || tasks.isEmpty()) {
            return false;
        }
        for (JsonNode task : tasks) {
            if (!value.equals(task.path("config").path(key).asText(null))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The connector's source offset, {@code offset} of the first partition of {@code GET
     * /connectors/<name>/offsets}; empty before the task committed one.
     */
    Map<String, JsonNode> offset(String name) throws InterruptedException {
        JsonNode offsets = get(KafkaConnectClient.connectorPath(name) + "/offsets");
        if (offsets == null) {
            throw new CaptureException(
                    "Kafka Connect at " + connect.url() + " has no connector " + name);
        }
        Map<String, JsonNode> result = new LinkedHashMap<>();
        for (JsonNode entry : offsets.path("offsets")) {
            Iterator<Map.Entry<String, JsonNode>> fields = entry.path("offset").fields();
            fields.forEachRemaining(f -> result.put(f.getKey(), f.getValue()));
        }
        return result;
    }

    /** The body of a 200 answer, null for 404; retries while Connect is busy or unreachable. */
    private JsonNode get(String path) throws InterruptedException {
        long deadline = System.nanoTime() + RETRY_FOR.toNanos();
        String last;
        while (true) {
            try {
                KafkaConnectClient.Response response = connect.get(path);
                if (response.status() == 200) {
                    return JSON.readTree(response.body());
                }
                if (response.status() == 404) {
                    return null;
                }
                last = "HTTP " + response.status() + ": " + response.body();
                if (response.status() != 409 && response.status() < 500) {
                    throw new CaptureException("Kafka Connect answered " + path + " with " + last);
                }
            } catch (JsonProcessingException e) {
                throw new CaptureException(
                        "Kafka Connect answered " + path + " with invalid JSON", e);
            } catch (IOException e) {
                last = e.toString();
            }
            if (System.nanoTime() >= deadline) {
                throw new CaptureException(
                        "Kafka Connect at "
                                + connect.url()
                                + " did not answer "
                                + path
                                + ": "
                                + last);
            }
            Thread.sleep(250);
        }
    }
}
