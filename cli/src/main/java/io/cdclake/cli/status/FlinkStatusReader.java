package io.cdclake.cli.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.cdclake.job.metrics.LakeMetrics;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the jobs of a Flink cluster from its REST API: per job name the latest submission, since a
 * session cluster also lists every earlier run (cancelled before a resume, for example).
 */
final class FlinkStatusReader {

    private final FlinkRestClient rest;

    FlinkStatusReader(URI flinkUrl) {
        this.rest = new FlinkRestClient(flinkUrl);
    }

    URI url() {
        return rest.base();
    }

    List<JobStatus> read() throws IOException, InterruptedException {
        Map<String, JobStatus> latest = new LinkedHashMap<>();
        for (JsonNode job : rest.get("jobs/overview").path("jobs")) {
            JobStatus status =
                    new JobStatus(
                            job.path("jid").asText(),
                            job.path("name").asText(),
                            job.path("state").asText("?"),
                            job.path("start-time").asLong(),
                            "",
                            "",
                            JobStatus.ReplayCounts.NONE);
            latest.merge(status.name(), status, (a, b) -> a.startTime() >= b.startTime() ? a : b);
        }
        List<JobStatus> jobs = new ArrayList<>();
        for (JobStatus job : latest.values()) {
            jobs.add(job.failing() ? withException(job) : job.running() ? withReplay(job) : job);
        }
        jobs.sort(Comparator.comparing(JobStatus::name));
        return jobs;
    }

    /** Flink 2 keeps failures in {@code exceptionHistory}, newest first. */
    private JobStatus withException(JobStatus job) throws IOException, InterruptedException {
        JsonNode entries =
                rest.get("jobs/" + job.id() + "/exceptions")
                        .path("exceptionHistory")
                        .path("entries");
        String trace = entries.isEmpty() ? "" : entries.get(0).path("stacktrace").asText("");
        return new JobStatus(
                job.id(),
                job.name(),
                job.state(),
                job.startTime(),
                Traces.firstLine(trace),
                Traces.rootCause(trace),
                JobStatus.ReplayCounts.NONE);
    }

    /**
     * The replay filter's counters of a running job, summed over its subtasks and tables; none when
     * the cluster does not list them (another job, or metrics not reported yet).
     */
    private JobStatus withReplay(JobStatus job) throws IOException, InterruptedException {
        long[] sums = new long[REPLAY_METRICS.size()];
        for (JsonNode vertex : rest.get("jobs/" + job.id()).path("vertices")) {
            String metricsPath =
                    "jobs/"
                            + job.id()
                            + "/vertices/"
                            + vertex.path("id").asText()
                            + "/subtasks/metrics";
            List<String> wanted = new ArrayList<>();
            for (JsonNode metric : rest.get(metricsPath)) {
                String id = metric.path("id").asText();
                if (id.contains(".cdclake.") && replayMetric(id) >= 0) {
                    wanted.add(id);
                }
            }
            if (wanted.isEmpty()) {
                continue;
            }
            String query =
                    wanted.stream()
                            .map(id -> URLEncoder.encode(id, StandardCharsets.UTF_8))
                            .collect(Collectors.joining(","));
            for (JsonNode metric : rest.get(metricsPath + "?agg=sum&get=" + query)) {
                int kind = replayMetric(metric.path("id").asText());
                if (kind >= 0) {
                    sums[kind] += (long) metric.path("sum").asDouble();
                }
            }
        }
        return job.withReplay(new JobStatus.ReplayCounts(sums[0], sums[1], sums[2]));
    }

    /**
     * The job's metric names of the replay filter's counters, in {@link JobStatus.ReplayCounts}
     * order.
     */
    private static final List<String> REPLAY_METRICS =
            List.of(LakeMetrics.RESENT_DROPPED, LakeMetrics.UNPROVEN_KEPT, LakeMetrics.BEHIND_MARK);

    private static int replayMetric(String id) {
        for (int i = 0; i < REPLAY_METRICS.size(); i++) {
            if (id.endsWith("." + REPLAY_METRICS.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
