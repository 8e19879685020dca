package io.cdclake.connector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class ConnectorRegistrarTest {

    @Test
    void aValidationAnswerGivesEachErrorWithItsKey() throws Exception {
        JsonNode answer =
                ConnectorConfig.JSON.readTree(
                        """
                        {"name":"io.debezium.connector.postgresql.PostgresConnector","error_count":2,
                         "configs":[
                          {"definition":{"name":"database.hostname"},
                           "value":{"name":"database.hostname","value":"pg","errors":[]}},
                          {"definition":{"name":"database.dbname"},
                           "value":{"name":"database.dbname","value":"nope",
                                    "errors":["database \\"nope\\" does not exist"]}},
                          {"definition":{"name":"slot.name"},"value":null},
                          {"definition":{"name":"plugin.name"},
                           "value":{"name":"plugin.name","value":"x","errors":["not one of [pgoutput]"]}}]}
                        """);

        assertThat(ConnectorRegistrar.validationErrors(answer))
                .containsExactly(
                        "database.dbname: database \"nope\" does not exist",
                        "plugin.name: not one of [pgoutput]");
    }

    @Test
    void errorsCountedButNotAttachedToAKeyAreReportedWithoutTheValues() throws Exception {
        JsonNode answer =
                ConnectorConfig.JSON.readTree(
                        "{\"error_count\":1,\"configs\":[{\"value\":{\"name\":\"database.password\","
                            + "\"value\":\"s3cret\",\"errors\":[]}}]}");

        assertThat(ConnectorRegistrar.validationErrors(answer))
                .containsExactly("1 error(s) counted, none attached to a key");
    }

    @Test
    void aCleanValidationHasNoErrors() throws Exception {
        JsonNode answer =
                ConnectorConfig.JSON.readTree(
                        "{\"error_count\":0,\"configs\":[{\"value\":{\"name\":\"a\",\"errors\":[]}}]}");

        assertThat(ConnectorRegistrar.validationErrors(answer)).isEmpty();
    }
}
