package io.cdclake.connector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.cdclake.connector.KafkaConnectClient.Response;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Registers a connector with Kafka Connect's REST API and waits until it runs.
 *
 * <p>Idempotent: an identical configuration is left alone, without a write to Connect's config
 * topic, so re-registering never disturbs a running connector; a different one replaces it through
 * {@code PUT /connectors/<name>/config}.
 *
 * <p>A configuration is validated ({@code PUT /connector-plugins/<class>/config/validate}) before
 * it is stored, and its errors are reported as the connector gave them. Connect's own answer to a
 * store of an invalid configuration cannot be relied on for that: Kafka Connect 4.2 with Debezium
 * 3.6 answers it with HTTP 500 (a NullPointerException in {@code
 * AbstractHerder.maybeAddConfigErrors}) instead of the errors.
 */
public final class ConnectorRegistrar {

    /** What {@link #register} did. */
    public enum Outcome {
        CREATED,
        UPDATED,
        UNCHANGED
    }

    /** How long a delete keeps trying while Connect does not answer. */
    private static final Duration DELETE_TIMEOUT = Duration.ofSeconds(30);

    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    private final KafkaConnectClient connect;

    public ConnectorRegistrar(URI connectUrl) {
        this(new KafkaConnectClient(connectUrl));
    }

    public ConnectorRegistrar(KafkaConnectClient connect) {
        this.connect = connect;
    }

    /**
     * Creates or updates the connector, then waits until it and all its tasks are RUNNING.
     *
     * @throws ConnectorRegistrationException if Connect rejects the configuration, anything reaches
     *     FAILED, or {@code timeout} passes first
     */
    public Outcome register(ConnectorConfig connector, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Outcome outcome = put(connector, deadline);
        awaitRunning(connector.name(), Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        return outcome;
    }

    private Outcome put(ConnectorConfig connector, long deadline) throws InterruptedException {
        String path = KafkaConnectClient.connectorPath(connector.name()) + "/config";
        while (true) {
            Response current = send(() -> connect.get(path), deadline);
            if (current.status() == 200 && sameConfig(current.body(), connector)) {
                return Outcome.UNCHANGED;
            }
            if (current.status() == 200 || current.status() == 404) {
                if (!valid(connector, deadline)) {
                    pause(deadline, "Kafka Connect did not validate connector " + connector.name());
                    continue;
                }
                Response put = send(() -> connect.put(path, connector.toConfigJson()), deadline);
                if (put.status() == 201) {
                    return Outcome.CREATED;
                }
                if (put.status() == 200) {
                    return Outcome.UPDATED;
                }
                if (!retryable(put.status())) {
                    throw new ConnectorRegistrationException(
                            "Kafka Connect rejected connector "
                                    + connector.name()
                                    + " (HTTP "
                                    + put.status()
                                    + "): "
                                    + errorMessage(put.body()));
                }
            } else if (!retryable(current.status())) {
                throw new ConnectorRegistrationException(
                        "Unexpected answer from Kafka Connect for "
                                + path
                                + " (HTTP "
                                + current.status()
                                + "): "
                                + errorMessage(current.body()));
            }
            pause(deadline, "Kafka Connect did not accept connector " + connector.name());
        }
    }

    /**
     * True if Connect found no error in the configuration, false if it could not answer yet.
     *
     * @throws ConnectorRegistrationException with every error Connect found
     */
    private boolean valid(ConnectorConfig connector, long deadline) throws InterruptedException {
        String connectorClass = connector.get("connector.class");
        if (connectorClass == null) {
            throw new ConnectorRegistrationException(
                    "Connector " + connector.name() + " has no connector.class");
        }
        Response answer =
                send(
                        () ->
                                connect.put(
                                        KafkaConnectClient.validatePath(connectorClass),
                                        connector.toValidationJson()),
                        deadline);
        if (retryable(answer.status())) {
            return false;
        }
        if (answer.status() != 200) {
            throw new ConnectorRegistrationException(
                    "Kafka Connect could not validate connector "
                            + connector.name()
                            + " (HTTP "
                            + answer.status()
                            + "): "
                            + errorMessage(answer.body()));
        }
        List<String> errors = validationErrors(readJson(answer.body()));
        if (!errors.isEmpty()) {
            throw new ConnectorRegistrationException(
                    "Kafka Connect rejected connector "
                            + connector.name()
                            + ": its configuration contains "
                            + errors.size()
                            + " error(s):\n"
                            + String.join("\n", errors));
        }
        return true;
    }

    /** {@code <key>: <error>} for each error of a validation answer. */
    static List<String> validationErrors(JsonNode validation) {
        List<String> errors = new ArrayList<>();
        for (JsonNode config : validation.path("configs")) {
            JsonNode value = config.path("value");
            for (JsonNode error : value.path("errors")) {
                errors.add(value.path("name").asText("?") + ": " + error.asText());
            }
        }
        int counted = validation.path("error_count").asInt();
        if (errors.isEmpty() && counted > 0) {
            // Not the answer itself: it echoes every value of the configuration, credentials too.
            errors.add(counted + " error(s) counted, none attached to a key");
        }
        return errors;
    }

    /**
     * Polls {@code GET /connectors/<name>/status} until the connector and at least one task are
     * RUNNING, and all its tasks are; seen twice in a row, so a restart in progress does not pass.
     */
    public void awaitRunning(String name, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String statusPath = KafkaConnectClient.connectorPath(name) + "/status";
        String lastState = "no status yet";
        boolean runningOnce = false;
        while (true) {
            Response response = send(() -> connect.get(statusPath), deadline);
            if (response.status() == 200) {
                JsonNode status = readJson(response.body());
                failIfFailed(name, status);
                lastState = describe(status);
                if (ConnectorStatus.fromJson(status).running()) {
                    if (runningOnce) {
                        return;
                    }
                    runningOnce = true;
                } else {
                    runningOnce = false;
                }
            } else if (response.status() == 404 || retryable(response.status())) {
                lastState = "HTTP " + response.status();
            } else {
                throw new ConnectorRegistrationException(
                        "Unexpected status answer for "
                                + name
                                + " (HTTP "
                                + response.status()
                                + "): "
                                + errorMessage(response.body()));
            }
            pause(
                    deadline,
                    "Connector "
                            + name
                            + " was not RUNNING within "
                            + timeout
                            + " (last: "
                            + lastState
                            + ")");
        }
    }

    /** Deletes the connector; true if it existed. */
    public boolean delete(String name) throws InterruptedException {
        long deadline = System.nanoTime() + DELETE_TIMEOUT.toNanos();
        Response response =
                send(() -> connect.delete(KafkaConnectClient.connectorPath(name)), deadline);
        if (response.status() == 204 || response.status() == 200) {
            return true;
        }
        if (response.status() == 404) {
            return false;
        }
        throw new ConnectorRegistrationException(
                "Could not delete connector "
                        + name
                        + " (HTTP "
                        + response.status()
                        + "): "
                        + errorMessage(response.body()));
    }

    private static boolean sameConfig(String body, ConnectorConfig connector) {
        Map<String, String> wanted = connector.storedConfig();
        Map<String, String> existing = new LinkedHashMap<>();
        readJson(body).properties().forEach(e -> existing.put(e.getKey(), e.getValue().asText()));
        return existing.equals(wanted);
    }

    private static void failIfFailed(String name, JsonNode status) {
        StringBuilder failures = new StringBuilder();
        JsonNode connector = status.path("connector");
        if ("FAILED".equals(connector.path("state").asText())) {
            failures.append("connector FAILED on ")
                    .append(connector.path("worker_id").asText())
                    .append(":\n")
                    .append(connector.path("trace").asText("(no trace)"))
                    .append('\n');
        }
        for (JsonNode task : status.path("tasks")) {
            if ("FAILED".equals(task.path("state").asText())) {
                failures.append("task ")
                        .append(task.path("id").asText())
                        .append(" FAILED on ")
                        .append(task.path("worker_id").asText())
                        .append(":\n")
                        .append(task.path("trace").asText("(no trace)"))
                        .append('\n');
            }
        }
        if (failures.length() > 0) {
            throw new ConnectorRegistrationException("Connector " + name + " failed: " + failures);
        }
    }

    private static String describe(JsonNode status) {
        StringBuilder s =
                new StringBuilder("connector ")
                        .append(status.path("connector").path("state").asText("?"));
        for (JsonNode task : status.path("tasks")) {
            s.append(", task ")
                    .append(task.path("id").asText())
                    .append(' ')
                    .append(task.path("state").asText());
        }
        return s.toString();
    }

    /** 409: a rebalance is in progress; 5xx: the worker is starting or forwarding to the leader. */
    private static boolean retryable(int status) {
        return status == 409 || status >= 500;
    }

    /** One request, and others while Connect does not listen yet, until {@code deadline}. */
    private Response send(Request request, long deadline) throws InterruptedException {
        while (true) {
            try {
                return request.send();
            } catch (IOException e) {
                // Connect may not listen yet (the CLI starts it moments before registering).
                if (System.nanoTime() >= deadline) {
                    throw new ConnectorRegistrationException(
                            "Kafka Connect at " + connect.url() + " is not reachable: " + e, e);
                }
            }
            pause(deadline, "Kafka Connect at " + connect.url() + " is not reachable");
        }
    }

    /** A call of the client. */
    private interface Request {
        Response send() throws IOException, InterruptedException;
    }

    private static void pause(long deadline, String timeoutMessage) throws InterruptedException {
        if (System.nanoTime() >= deadline) {
            throw new ConnectorRegistrationException(timeoutMessage);
        }
        Thread.sleep(POLL_INTERVAL.toMillis());
    }

    private static JsonNode readJson(String body) {
        try {
            return ConnectorConfig.JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ConnectorRegistrationException(
                    "Kafka Connect answered with invalid JSON: " + body, e);
        }
    }

    private static String errorMessage(String body) {
        try {
            JsonNode node = ConnectorConfig.JSON.readTree(body);
            if (node != null && node.hasNonNull("message")) {
                return node.get("message").asText();
            }
        } catch (JsonProcessingException e) {
            // Not JSON: return it as it is.
        }
        return body;
    }
}
