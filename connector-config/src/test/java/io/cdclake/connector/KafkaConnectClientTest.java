package io.cdclake.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** What the client does without a Kafka Connect. */
class KafkaConnectClientTest {

    @Test
    void theBaseUrlEndsInASlashSoPathsResolveBelowIt() {
        KafkaConnectClient client = new KafkaConnectClient(URI.create("http://connect:8083/api"));

        assertThat(client.url()).hasToString("http://connect:8083/api/");
    }

    @Test
    void connectorNamesAreOnePathSegment() {
        assertThat(KafkaConnectClient.connectorPath("my connector/2"))
                .isEqualTo("connectors/my%20connector%2F2");
        assertThat(
                        KafkaConnectClient.validatePath(
                                "io.debezium.connector.postgresql.PostgresConnector"))
                .isEqualTo(
                        "connector-plugins/io.debezium.connector.postgresql.PostgresConnector"
                                + "/config/validate");
    }

    @Test
    void statusesFailAtOnceWhenNothingListens() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        KafkaConnectClient client = new KafkaConnectClient(URI.create("http://localhost:" + port));

        assertThatThrownBy(client::statuses).isInstanceOf(IOException.class);
    }
}
