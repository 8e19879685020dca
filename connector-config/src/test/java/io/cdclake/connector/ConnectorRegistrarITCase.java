package io.cdclake.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.cdclake.stack.ConnectService;
import io.cdclake.stack.KafkaService;
import io.cdclake.stack.testing.StackExtension;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConnectorRegistrarITCase {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @RegisterExtension
    static final StackExtension STACK = StackExtension.of("registrar", b -> b.postgres().connect());

    static ConnectorRegistrar registrar;

    @BeforeAll
    static void start() throws Exception {
        try (Connection c = STACK.stack().postgres().connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customers (id int PRIMARY KEY, name text)");
            s.execute("INSERT INTO customers VALUES (1, 'Ada')");
        }
        registrar = new ConnectorRegistrar(STACK.stack().connect().restUrl());
    }

    @Test
    @Order(1)
    void registersTheBundledConnectorUntilRunning() throws Exception {
        ConnectorRegistrar.Outcome outcome = registrar.register(ConnectorConfig.load(), TIMEOUT);

        assertThat(outcome).isEqualTo(ConnectorRegistrar.Outcome.CREATED);
        JsonNode status = status("cdc-lake-postgres");
        assertThat(status.at("/connector/state").asText()).isEqualTo("RUNNING");
        assertThat(status.at("/tasks/0/state").asText()).isEqualTo("RUNNING");
        // The placeholders resolved: the snapshot reached Kafka, and heartbeats have their own
        // topic.
        awaitTopics(Set.of("postgres.public.customers", "__debezium-heartbeat.postgres"));
    }

    @Test
    @Order(2)
    void theTaskWritesInTransactionsToTopicsThatTakeLargeEvents() throws Exception {
        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                STACK.stack().kafka().bootstrapServers()))) {
            // KIP-618: Connect gives each task of an exactly-once connector a transactional
            // producer named <group>-<connector>-<task>; Connect refuses
            // exactly.once.support=required otherwise.
            Set<String> transactionalIds = new java.util.HashSet<>();
            admin.listTransactions()
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .forEach(t -> transactionalIds.add(t.transactionalId()));
            assertThat(transactionalIds).contains(ConnectService.GROUP_ID + "-cdc-lake-postgres-0");

            ConfigResource topic =
                    new ConfigResource(ConfigResource.Type.TOPIC, "postgres.public.customers");
            Config config =
                    admin.describeConfigs(Set.of(topic)).all().get(30, TimeUnit.SECONDS).get(topic);
            assertThat(config.get("max.message.bytes").value())
                    .isEqualTo(
                            ConnectorConfig.load().get("topic.creation.default.max.message.bytes"))
                    .isEqualTo(String.valueOf(KafkaService.MAX_MESSAGE_BYTES));
        }
    }

    @Test
    @Order(3)
    void registeringTheSameConfigAgainChangesNothing() throws Exception {
        assertThat(registrar.register(ConnectorConfig.load(), TIMEOUT))
                .isEqualTo(ConnectorRegistrar.Outcome.UNCHANGED);
    }

    @Test
    @Order(4)
    void aChangedConfigIsUpdatedInPlace() throws Exception {
        ConnectorConfig changed = ConnectorConfig.load().with("heartbeat.interval.ms", "5000");

        assertThat(registrar.register(changed, TIMEOUT))
                .isEqualTo(ConnectorRegistrar.Outcome.UPDATED);
        assertThat(status("cdc-lake-postgres").at("/tasks/0/state").asText()).isEqualTo("RUNNING");
        assertThat(registrar.register(changed, TIMEOUT))
                .isEqualTo(ConnectorRegistrar.Outcome.UNCHANGED);
    }

    @Test
    @Order(5)
    void aWrongDatabaseNameFailsWithConnectsExplanation() {
        ConnectorConfig broken =
                ConnectorConfig.load()
                        .withName("broken-database")
                        .with("database.dbname", "no_such_database")
                        .with("slot.name", "broken_database");

        assertThatThrownBy(() -> registrar.register(broken, TIMEOUT))
                .isInstanceOf(ConnectorRegistrationException.class)
                .hasMessageContaining("no_such_database")
                .hasMessageContaining("does not exist");
    }

    @Test
    @Order(6)
    void aTaskThatFailsAtRuntimeReportsItsStackTrace() {
        ConnectorConfig broken =
                ConnectorConfig.load()
                        .withName("broken-plugin")
                        .with("plugin.name", "decoderbufs")
                        .with("slot.name", "broken_plugin");

        assertThatThrownBy(() -> registrar.register(broken, TIMEOUT))
                .isInstanceOf(ConnectorRegistrationException.class)
                .hasMessageContaining("FAILED")
                .hasMessageContaining("decoderbufs")
                .hasMessageContaining("\tat ");
    }

    @Test
    @Order(7)
    void theClientReadsEveryConnectorsStatusByName() throws Exception {
        List<ConnectorStatus> statuses =
                new KafkaConnectClient(STACK.stack().connect().restUrl()).statuses();

        assertThat(statuses)
                .extracting(ConnectorStatus::name)
                .contains("broken-plugin", "cdc-lake-postgres")
                .isSorted();
        ConnectorStatus running =
                statuses.stream()
                        .filter(c -> c.name().equals("cdc-lake-postgres"))
                        .findFirst()
                        .orElseThrow();
        assertThat(running.running()).isTrue();
        assertThat(running.tasks()).extracting(ConnectorStatus.TaskStatus::id).containsExactly(0);
    }

    private static JsonNode status(String name) throws Exception {
        HttpResponse<String> response =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                STACK.stack()
                                                        .connect()
                                                        .restUrl()
                                                        .resolve("/connectors/" + name + "/status"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return ConnectorConfig.JSON.readTree(response.body());
    }

    private static void awaitTopics(Set<String> expected) throws Exception {
        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                STACK.stack().kafka().bootstrapServers()))) {
            await().alias("Kafka has the topics " + expected + " (its topics)")
                    .atMost(Duration.ofSeconds(60))
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(250))
                    .until(
                            () -> admin.listTopics().names().get(),
                            topics -> topics.containsAll(expected));
        }
    }
}
