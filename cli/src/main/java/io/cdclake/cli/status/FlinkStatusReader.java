package io.cdclake.cli.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the jobs of a Flink cluster from its REST API: per job name the latest submission, since a
 * session cluster also lists every earlier run (cancelled before a resume, for example).
 */
final class FlinkStatusReader {

    private final RestClient rest;

    FlinkStatusReader(URI flinkUrl) {
        this.rest = new RestClient(flinkUrl);
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
                            "");
            latest.merge(status.name(), status, (a, b) -> a.startTime() >= b.startTime() ? a : b);
        }
        List<JobStatus> jobs = new ArrayList<>();
        for (JobStatus job : latest.values()) {
            jobs.add(job.failing() ? withException(job) : job);
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
                Traces.rootCause(trace));
    }
}
