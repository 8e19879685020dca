package io.cdclake.cli.status;

import static io.cdclake.connector.KafkaConnectClient.connectorPath;

import java.net.URI;

/** What to do about a failed connector task or job, from the text of its stack trace. */
final class FailureAdvice {

    private FailureAdvice() {}

    static String forConnectorTask(String trace, URI connectUrl, String connector, int task) {
        String restart =
                "then restart the task: curl -X POST "
                        + connectUrl.resolve(
                                connectorPath(connector) + "/tasks/" + task + "/restart")
                        + " . It resumes from its last committed offset and the replication slot"
                        + " keeps the WAL, so no change is lost.";
        String text = trace == null ? "" : trace;
        if (text.contains("RecordTooLargeException")
                || text.contains("max.request.size")
                || text.contains("MESSAGE_TOO_LARGE")
                || text.contains("message.max.bytes")) {
            return "A change event is larger than the connector may send to Kafka"
                    + " (producer.override.max.request.size, 64 MiB in the shipped connector)."
                    + " Raise it in the connector's config, together with"
                    + " producer.override.buffer.memory,"
                    + " topic.creation.default.max.message.bytes (and max.message.bytes of"
                    + " existing topics), the broker's message.max.bytes and the job's"
                    + " kafka.properties.fetch.max.bytes and max.partition.fetch.bytes, or make"
                    + " the row smaller; "
                    + restart;
        }
        if (text.contains("PSQLException")
                || text.contains("Connection refused")
                || text.contains("password authentication")) {
            return "Kafka Connect cannot reach PostgreSQL as configured: check that the database"
                    + " runs and accepts the connector's host, port, user and password; "
                    + restart;
        }
        return "Fix the cause in the trace (all of it: curl "
                + connectUrl.resolve(connectorPath(connector) + "/status")
                + "); "
                + restart;
    }

    static String forConnector(String state, URI connectUrl, String connector) {
        if ("PAUSED".equals(state) || "STOPPED".equals(state)) {
            return "Someone "
                    + state.toLowerCase()
                    + " it; resume it: curl -X PUT "
                    + connectUrl.resolve(connectorPath(connector) + "/resume");
        }
        return "Fix the cause in the trace (all of it: curl "
                + connectUrl.resolve(connectorPath(connector) + "/status")
                + "), then restart it with its failed tasks: curl -X POST '"
                + connectUrl.resolve(
                        connectorPath(connector) + "/restart?includeTasks=true&onlyFailed=true")
                + "'";
    }

    static String forJob(String state, URI flinkUrl, String jobId) {
        String exceptions = flinkUrl.resolve("jobs/" + jobId + "/exceptions").toString();
        if ("RESTARTING".equals(state) || "FAILING".equals(state)) {
            return "Flink is restarting the job from its last completed checkpoint; nothing"
                    + " committed is lost. If it keeps restarting, the cause is in "
                    + exceptions
                    + " .";
        }
        return "The job stopped and restarts no more. Fix the cause ("
                + exceptions
                + "), then submit the job again from its newest checkpoint or savepoint (flink run"
                + " -s <path>), so it resumes where it stopped; see docs/operations.md,"
                + " \"Stopping with a savepoint and resuming\".";
    }
}
