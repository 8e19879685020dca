package io.cdclake.connector;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A connector's state and its tasks', as Kafka Connect's {@code /connectors/<name>/status} reports
 * them.
 */
public record ConnectorStatus(String name, String state, String trace, List<TaskStatus> tasks) {

    /** One task of the connector. */
    public record TaskStatus(int id, String state, String trace) {
        public boolean running() {
            return "RUNNING".equals(state);
        }
    }

    static ConnectorStatus fromJson(JsonNode status) {
        List<TaskStatus> tasks = new ArrayList<>();
        for (JsonNode task : status.path("tasks")) {
            tasks.add(
                    new TaskStatus(
                            task.path("id").asInt(),
                            task.path("state").asText("?"),
                            task.path("trace").asText("")));
        }
        JsonNode connector = status.path("connector");
        return new ConnectorStatus(
                status.path("name").asText(),
                connector.path("state").asText("?"),
                connector.path("trace").asText(""),
                List.copyOf(tasks));
    }

    /** The connector and at least one task run, and no task does anything else. */
    public boolean running() {
        return "RUNNING".equals(state)
                && !tasks.isEmpty()
                && tasks.stream().allMatch(TaskStatus::running);
    }
}
