package io.cdclake.job.decode;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A field of a Kafka Connect schema as the JSON converter writes it with {@code
 * schemas.enable=true}.
 */
record ConnectField(String name, String type, String logicalName, JsonNode schema) {

    static ConnectField of(JsonNode schema) {
        return new ConnectField(
                schema.path("field").asText(null),
                schema.path("type").asText(""),
                schema.path("name").asText(null),
                schema);
    }

    String parameter(String key) {
        JsonNode value = schema.path("parameters").path(key);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }

    /** What a dead letter or an error says about the field's type. */
    String describe() {
        return logicalName == null ? type : type + " (" + logicalName + ")";
    }
}
