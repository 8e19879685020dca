package io.cdclake.cli.status;

import io.cdclake.connector.ConnectorStatus;
import io.cdclake.connector.KafkaConnectClient;
import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * The state of the pipeline's running parts: every connector of a Kafka Connect cluster with its
 * tasks, and every job of a Flink cluster. Healthy only when all of them run.
 */
public final class PipelineStatus {

    private static final String INDENT = "            ";

    private final URI connectUrl;
    private final List<ConnectorStatus> connectors;
    private final String connectError;
    private final URI flinkUrl;
    private final List<JobStatus> jobs;
    private final String flinkError;

    private PipelineStatus(
            URI connectUrl,
            List<ConnectorStatus> connectors,
            String connectError,
            URI flinkUrl,
            List<JobStatus> jobs,
            String flinkError) {
        this.connectUrl = connectUrl;
        this.connectors = connectors;
        this.connectError = connectError;
        this.flinkUrl = flinkUrl;
        this.jobs = jobs;
        this.flinkError = flinkError;
    }

    /** Asks both REST APIs; a service that does not answer is reported, not thrown. */
    public static PipelineStatus read(URI connectUrl, URI flinkUrl) throws InterruptedException {
        KafkaConnectClient connect = new KafkaConnectClient(connectUrl);
        FlinkStatusReader flink = new FlinkStatusReader(flinkUrl);
        List<ConnectorStatus> connectors = List.of();
        String connectError = null;
        try {
            connectors = connect.statuses();
        } catch (IOException e) {
            connectError = describe(e);
        }
        List<JobStatus> jobs = List.of();
        String flinkError = null;
        try {
            jobs = flink.read();
        } catch (IOException e) {
            flinkError = describe(e);
        }
        return new PipelineStatus(
                connect.url(), connectors, connectError, flink.url(), jobs, flinkError);
    }

    /** Every connector, task and job RUNNING, and at least one of each. */
    public boolean healthy() {
        return connectError == null
                && flinkError == null
                && !connectors.isEmpty()
                && connectors.stream().allMatch(ConnectorStatus::running)
                && !jobs.isEmpty()
                && jobs.stream().allMatch(JobStatus::running);
    }

    /**
     * Something reached FAILED (or is restarting after a failure), as opposed to still starting.
     */
    public boolean failed() {
        return connectors.stream()
                        .anyMatch(
                                c ->
                                        "FAILED".equals(c.state())
                                                || c.tasks().stream()
                                                        .anyMatch(t -> "FAILED".equals(t.state())))
                || jobs.stream().anyMatch(JobStatus::failing);
    }

    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("Kafka Connect  ").append(connectUrl).append('\n');
        if (connectError != null) {
            out.append("  not reachable: ").append(connectError).append('\n');
        } else if (connectors.isEmpty()) {
            out.append("  no connector registered; register one with ./cdc-lake register\n");
        }
        for (ConnectorStatus connector : connectors) {
            out.append("  connector ")
                    .append(connector.name())
                    .append(": ")
                    .append(connector.state())
                    .append('\n');
            if (!"RUNNING".equals(connector.state()) && !"UNASSIGNED".equals(connector.state())) {
                appendTrace(out, connector.trace());
                out.append(INDENT)
                        .append("what to do: ")
                        .append(
                                FailureAdvice.forConnector(
                                        connector.state(), connectUrl, connector.name()))
                        .append('\n');
            }
            if (connector.tasks().isEmpty()) {
                out.append("    no task running\n");
            }
            for (ConnectorStatus.TaskStatus task : connector.tasks()) {
                out.append("    task ")
                        .append(task.id())
                        .append(": ")
                        .append(task.state())
                        .append('\n');
                if ("FAILED".equals(task.state())) {
                    appendTrace(out, task.trace());
                    out.append(INDENT)
                            .append("what to do: ")
                            .append(
                                    FailureAdvice.forConnectorTask(
                                            task.trace(), connectUrl, connector.name(), task.id()))
                            .append('\n');
                }
            }
        }
        out.append("Flink  ").append(flinkUrl).append('\n');
        if (flinkError != null) {
            out.append("  not reachable: ").append(flinkError).append('\n');
        } else if (jobs.isEmpty()) {
            out.append("  no job submitted\n");
        }
        for (JobStatus job : jobs) {
            out.append("  job ")
                    .append(job.name())
                    .append(" (")
                    .append(job.id())
                    .append("): ")
                    .append(job.state())
                    .append('\n');
            appendReplay(out, job.replay());
            if (job.failing()) {
                out.append(INDENT).append(job.exception()).append('\n');
                if (!job.rootCause().isEmpty() && !job.rootCause().equals(job.exception())) {
                    out.append(INDENT).append("caused by: ").append(job.rootCause()).append('\n');
                }
                out.append(INDENT)
                        .append("what to do: ")
                        .append(FailureAdvice.forJob(job.state(), flinkUrl, job.id()))
                        .append('\n');
            }
        }
        return out.toString();
    }

    /** What the replay filter did, said only when it did something. */
    private static void appendReplay(StringBuilder out, JobStatus.ReplayCounts counts) {
        if (counts.setAside() > 0) {
            out.append("    ")
                    .append(counts.setAside())
                    .append(
                            " events Kafka Connect sent again are set aside in the lake's"
                                    + " _sent_again/; the tables hold each change once\n");
        }
        if (counts.unprovenKept() > 0) {
            out.append("    ")
                    .append(counts.unprovenKept())
                    .append(
                            " changes below what the replay filter remembers were kept: perhaps"
                                + " copies, which ./cdc-lake verify reports as duplicates (raise"
                                + " dedup.window)\n");
        }
        if (counts.behindMark() > 0) {
            out.append("    ")
                    .append(counts.behindMark())
                    .append(
                            " changes below the furthest WAL position were kept: the WAL stepped"
                                    + " back (a restore, a lagging standby promoted?); see"
                                    + " docs/exactly-once.md, \"After a point-in-time restore\"\n");
        }
    }

    private static void appendTrace(StringBuilder out, String trace) {
        String first = Traces.firstLine(trace);
        if (!first.isEmpty()) {
            out.append(INDENT).append(first).append('\n');
        }
        String root = Traces.rootCause(trace);
        if (!root.isEmpty() && !root.equals(first)) {
            out.append(INDENT).append("caused by: ").append(root).append('\n');
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
