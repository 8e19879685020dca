package io.cdclake.cluster;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.awaitility.core.ConditionTimeoutException;

/** The REST API behind Flink's web UI: what the UI's "Submit New Job" page and job pages call. */
public final class FlinkRestClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public FlinkRestClient(URI base) {
        this.base = base;
    }

    /** {@code POST /jars/upload}, multipart like the browser sends it; returns the jar id. */
    public String uploadJar(Path jar) throws IOException, InterruptedException {
        String boundary = "----cdclake" + UUID.randomUUID();
        String head =
                "--"
                        + boundary
                        + "\r\n"
                        + "Content-Disposition: form-data; name=\"jarfile\"; filename=\""
                        + jar.getFileName()
                        + "\"\r\n"
                        + "Content-Type: application/x-java-archive\r\n\r\n";
        HttpRequest request =
                HttpRequest.newBuilder(base.resolve("/jars/upload"))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .timeout(Duration.ofMinutes(2))
                        .POST(
                                BodyPublishers.concat(
                                        BodyPublishers.ofString(head),
                                        BodyPublishers.ofFile(jar),
                                        BodyPublishers.ofString("\r\n--" + boundary + "--\r\n")))
                        .build();
        JsonNode answer = send(request);
        if (!"success".equals(answer.path("status").asText())) {
            throw new IOException("upload of " + jar + " failed: " + answer);
        }
        String stored = answer.get("filename").asText();
        return stored.substring(stored.lastIndexOf('/') + 1);
    }

    /**
     * {@code POST /jars/<id>/run}; the JobManager runs the jar's main method. Returns the job id.
     */
    public String runJar(
            String jarId, List<String> programArgs, int parallelism, String savepointPath)
            throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("programArgsList")
                .addAll(programArgs.stream().map(JSON.getNodeFactory()::textNode).toList());
        body.put("parallelism", parallelism);
        if (savepointPath != null) {
            body.put("savepointPath", savepointPath);
        }
        return send(post("/jars/" + jarId + "/run", body, Duration.ofMinutes(3)))
                .get("jobid")
                .asText();
    }

    public String jobState(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId).get("state").asText();
    }

    /** The parallelism of each of the job's vertices (operator chains). */
    public List<Integer> vertexParallelism(String jobId) throws IOException, InterruptedException {
        List<Integer> parallelism = new ArrayList<>();
        get("/jobs/" + jobId)
                .path("vertices")
                .forEach(v -> parallelism.add(v.get("parallelism").asInt()));
        return parallelism;
    }

    public void awaitJobState(String jobId, Set<String> states, Duration timeout) {
        try {
            await().alias("job " + jobId + " is " + states + " (its state)")
                    .atMost(timeout)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> jobState(jobId), states::contains);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "; " + exceptions(jobId), e);
        }
    }

    /**
     * {@code POST /jobs/<id>/stop}, then polls the savepoint until it completes; returns its path.
     */
    public String stopWithSavepoint(String jobId, String targetDirectory, Duration timeout)
            throws IOException, InterruptedException {
        ObjectNode body =
                JSON.createObjectNode().put("targetDirectory", targetDirectory).put("drain", false);
        String trigger =
                send(post("/jobs/" + jobId + "/stop", body, Duration.ofSeconds(30)))
                        .get("request-id")
                        .asText();
        JsonNode answer =
                await().alias("the savepoint of job " + jobId + " completes (last answer)")
                        .atMost(timeout)
                        .pollDelay(Duration.ZERO)
                        .pollInterval(Duration.ofMillis(500))
                        .until(
                                () -> get("/jobs/" + jobId + "/savepoints/" + trigger),
                                a -> "COMPLETED".equals(a.path("status").path("id").asText()));
        JsonNode operation = answer.path("operation");
        if (operation.has("failure-cause")) {
            throw new AssertionError(
                    "stop with savepoint failed: " + operation.get("failure-cause"));
        }
        return operation.get("location").asText();
    }

    /** {@code PATCH /jobs/<id>?mode=cancel}. */
    public void cancel(String jobId) throws IOException, InterruptedException {
        send(
                HttpRequest.newBuilder(base.resolve("/jobs/" + jobId + "?mode=cancel"))
                        .timeout(Duration.ofSeconds(30))
                        .method("PATCH", BodyPublishers.noBody())
                        .build());
    }

    /** The job's exception history, for failure messages. */
    public String exceptions(String jobId) {
        try {
            String text = get("/jobs/" + jobId + "/exceptions?maxExceptions=3").toString();
            return text.length() > 6000 ? text.substring(0, 6000) + "..." : text;
        } catch (IOException | InterruptedException | RuntimeException e) {
            return "(no exceptions: " + e + ")";
        }
    }

    /** How many checkpoints of the job completed so far. */
    public long completedCheckpoints(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asLong();
    }

    /** The path of the job's latest completed checkpoint, null when there is none. */
    public String latestCheckpoint(String jobId) throws IOException, InterruptedException {
        JsonNode completed =
                get("/jobs/" + jobId + "/checkpoints").path("latest").path("completed");
        return completed.isMissingNode() || completed.isNull()
                ? null
                : completed.path("external_path").asText(null);
    }

    /** Waits until TaskManagers offer {@code slots} free slots in total. */
    void awaitSlots(int slots, Duration timeout, BooleanSupplier processesAlive) {
        await().alias(slots + " free slots (last overview)")
                .atMost(timeout)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(500))
                .failFast(
                        "a Flink process exited while the cluster started",
                        () -> !processesAlive.getAsBoolean())
                .until(
                        this::overview,
                        overview -> overview.path("slots-available").asInt() >= slots);
    }

    /** {@code /overview}, or a node holding the error that stood in the way. */
    private JsonNode overview() throws InterruptedException {
        try {
            return get("/overview");
        } catch (IOException e) {
            return JSON.createObjectNode().put("error", e.toString());
        }
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        return send(
                HttpRequest.newBuilder(base.resolve(path))
                        .timeout(Duration.ofSeconds(30))
                        .GET()
                        .build());
    }

    private HttpRequest post(String path, JsonNode body, Duration timeout) {
        return HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .timeout(timeout)
                .POST(BodyPublishers.ofString(body.toString()))
                .build();
    }

    private JsonNode send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(
                    request.method()
                            + " "
                            + request.uri()
                            + " answered "
                            + response.statusCode()
                            + ": "
                            + response.body());
        }
        return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }
}
