package io.cdclake.connector;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * Kafka Connect's REST API, the one client of it: registration ({@link ConnectorRegistrar}), the
 * capture commands and the status report all send their requests through it. One attempt per call;
 * whoever calls decides what to retry.
 */
public final class KafkaConnectClient {

    /** An answer of the REST API. */
    public record Response(int status, String body) {}

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /** A status report should say soon that Connect does not answer, not wait for it. */
    private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(10);

    private final URI url;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public KafkaConnectClient(URI connectUrl) {
        String base = connectUrl.toString();
        this.url = URI.create(base.endsWith("/") ? base : base + "/");
    }

    /** The REST API's base URL, ending in a slash. */
    public URI url() {
        return url;
    }

    public Response get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(url.resolve(path)).GET(), REQUEST_TIMEOUT);
    }

    public Response put(String path, String json) throws IOException, InterruptedException {
        return send(
                HttpRequest.newBuilder(url.resolve(path))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(json)),
                REQUEST_TIMEOUT);
    }

    public Response delete(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(url.resolve(path)).DELETE(), REQUEST_TIMEOUT);
    }

    /**
     * Every connector's status with its tasks', by name, in one request ({@code GET
     * /connectors?expand=status}).
     *
     * @throws IOException when Connect does not answer, or answers anything but 200
     */
    public List<ConnectorStatus> statuses() throws IOException, InterruptedException {
        URI all = url.resolve("connectors?expand=status");
        Response response = send(HttpRequest.newBuilder(all).GET(), STATUS_TIMEOUT);
        if (response.status() != 200) {
            throw new IOException(
                    "GET " + all + " answered HTTP " + response.status() + ": " + response.body());
        }
        JsonNode byName = ConnectorConfig.JSON.readTree(response.body());
        List<ConnectorStatus> connectors = new ArrayList<>();
        for (Iterator<String> names = byName.fieldNames(); names.hasNext(); ) {
            connectors.add(ConnectorStatus.fromJson(byName.get(names.next()).path("status")));
        }
        connectors.sort(Comparator.comparing(ConnectorStatus::name));
        return connectors;
    }

    /**
     * {@code connectors/<name>}, the connector's resource, its name one path segment (encoded): the
     * path below {@link #url()} of its config, status, tasks and offsets.
     */
    public static String connectorPath(String name) {
        return "connectors/" + segment(name);
    }

    /**
     * {@code connector-plugins/<class>/config/validate}: where Connect checks a configuration
     * without storing it.
     */
    public static String validatePath(String connectorClass) {
        return "connector-plugins/" + segment(connectorClass) + "/config/validate";
    }

    /** {@code text} as one segment of a path (a space is {@code %20}, a slash {@code %2F}). */
    private static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private Response send(HttpRequest.Builder request, Duration timeout)
            throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }
}
