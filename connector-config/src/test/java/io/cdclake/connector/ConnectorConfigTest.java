package io.cdclake.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectorConfigTest {

    @Test
    void bundledDefinitionIsTheDebeziumPostgresConnectorWithEnvPlaceholders() {
        ConnectorConfig c = ConnectorConfig.load();

        assertThat(c.name()).isEqualTo("cdc-lake-postgres");
        assertThat(c.get("connector.class"))
                .isEqualTo("io.debezium.connector.postgresql.PostgresConnector");
        assertThat(c.get("plugin.name")).isEqualTo("pgoutput");
        assertThat(c.get("topic.prefix")).isEqualTo("postgres");
        assertThat(c.get("table.include.list")).isEqualTo("public.customers");
        assertThat(c.get("publication.autocreate.mode")).isEqualTo("filtered");
        assertThat(c.get("slot.name")).isEqualTo("cdc_lake");
        assertThat(c.get("snapshot.mode")).isEqualTo("initial");
        assertThat(c.get("heartbeat.interval.ms")).matches("[1-9][0-9]*");
        // ./cdc-lake capture starts incremental snapshots through the signal table, read from the
        // WAL.
        assertThat(c.get("signal.enabled.channels")).isEqualTo("source");
        assertThat(c.get("signal.data.collection")).isEqualTo("public.cdc_lake_signal");
        assertThat(c.get("incremental.snapshot.chunk.size")).isEqualTo("1024");
        assertThat(c.get("incremental.snapshot.watermarking.strategy")).isEqualTo("insert_delete");
        // Its rows (requests and chunk watermarks) never become a topic, so the job never archives
        // them.
        assertThat(c.get("transforms.dropSignals.type"))
                .isEqualTo("org.apache.kafka.connect.transforms.Filter");
        String signalTopic = c.get("topic.prefix") + "." + c.get("signal.data.collection");
        assertThat(signalTopic).matches(c.get("predicates.signalTable.pattern"));
        assertThat("postgres.public.customers")
                .doesNotMatch(c.get("predicates.signalTable.pattern"));
        // JsonConverter's bytes, the schema serialized once per schema (connect-converter module).
        assertThat(c.get("value.converter"))
                .isEqualTo("io.cdclake.connect.CachedSchemaJsonConverter");
        assertThat(c.get("key.converter")).isEqualTo(c.get("value.converter"));
        assertThat(c.get("value.converter.schemas.enable")).isEqualTo("true");
        assertThat(c.get("key.converter.schemas.enable")).isEqualTo("true");
        assertThat(c.config())
                .containsEntry("database.hostname", "${env:CDC_LAKE_PG_HOST}")
                .containsEntry("database.port", "${env:CDC_LAKE_PG_PORT}")
                .containsEntry("database.user", "${env:CDC_LAKE_PG_USER}")
                .containsEntry("database.password", "${env:CDC_LAKE_PG_PASSWORD}")
                .containsEntry("database.dbname", "${env:CDC_LAKE_PG_DATABASE}");
    }

    @Test
    void snapshotSettingsHoldTogether() {
        ConnectorConfig c = ConnectorConfig.load();
        // Debezium refuses a queue that cannot hold one batch.
        assertThat(Long.parseLong(c.get("max.queue.size")))
                .isGreaterThan(Long.parseLong(c.get("max.batch.size")));
        // One record may fill a request; a batch of small ones must fit in the producer's buffer.
        long batch = Long.parseLong(c.get("producer.override.batch.size"));
        assertThat(batch)
                .isLessThanOrEqualTo(Long.parseLong(c.get("producer.override.max.request.size")))
                .isLessThan(Long.parseLong(c.get("producer.override.buffer.memory")));
        // Each ms of linger is added to the lake's latency; the checkpoint interval dominates it.
        assertThat(Long.parseLong(c.get("producer.override.linger.ms"))).isBetween(1L, 100L);
    }

    @Test
    void theStoredConfigHasTheNameAmongItsKeysUnlessTheConfigSetsOne() {
        ConnectorConfig c = ConnectorConfig.load().withName("shop");

        assertThat(c.storedConfig()).containsEntry("name", "shop").hasSize(c.config().size() + 1);
        assertThat(c.with("name", "other").storedConfig()).containsEntry("name", "other");
        assertThat(c.toValidationJson()).contains("\"name\":\"shop\"");
    }

    @Test
    void overridesReplaceOneKeyAndLeaveTheOriginalUntouched() {
        ConnectorConfig original = ConnectorConfig.load();

        ConnectorConfig changed =
                original.with("table.include.list", "public.orders,public.customers");

        assertThat(changed.get("table.include.list")).isEqualTo("public.orders,public.customers");
        assertThat(original.get("table.include.list")).isEqualTo("public.customers");
        assertThat(changed.config()).hasSameSizeAs(original.config());
        assertThat(changed.config().keySet()).containsExactlyElementsOf(original.config().keySet());
        assertThat(changed).isNotEqualTo(original);
    }

    @Test
    void settingsSplitAtTheFirstEqualsSign() {
        ConnectorConfig c =
                ConnectorConfig.load()
                        .withSetting("message.key.columns=public.t:a,b")
                        .withSetting("column.exclude.list=x=y");

        assertThat(c.get("message.key.columns")).isEqualTo("public.t:a,b");
        assertThat(c.get("column.exclude.list")).isEqualTo("x=y");
        assertThat(c.config().keySet()).endsWith("message.key.columns", "column.exclude.list");
        assertThatThrownBy(() -> c.withSetting("no-equals-sign"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.withSetting("=value"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withAllWithoutAndWithNameCompose() {
        ConnectorConfig c =
                ConnectorConfig.load()
                        .withAll(Map.of("snapshot.mode", "never"))
                        .without("heartbeat.interval.ms")
                        .withName("other");

        assertThat(c.name()).isEqualTo("other");
        assertThat(c.get("snapshot.mode")).isEqualTo("never");
        assertThat(c.config()).doesNotContainKey("heartbeat.interval.ms");
    }

    @Test
    void loadsFromAFileAndTurnsScalarsIntoStrings(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.json");
        Files.writeString(
                file,
                """
                {"name": "n", "config": {"tasks.max": 1, "provide.transaction.metadata": true, "a": "b"}}
                """);

        ConnectorConfig c = ConnectorConfig.fromFile(file);

        assertThat(c.name()).isEqualTo("n");
        assertThat(c.config())
                .containsExactly(
                        Map.entry("tasks.max", "1"),
                        Map.entry("provide.transaction.metadata", "true"),
                        Map.entry("a", "b"));
    }

    @Test
    void rejectsMalformedDefinitions() {
        assertThatThrownBy(() -> ConnectorConfig.parse("{"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JSON");
        assertThatThrownBy(() -> ConnectorConfig.parse("{\"config\": {}}"))
                .hasMessageContaining("name");
        assertThatThrownBy(() -> ConnectorConfig.parse("{\"name\": \"n\"}"))
                .hasMessageContaining("config");
        assertThatThrownBy(() -> ConnectorConfig.parse("{\"name\": \"a/b\", \"config\": {}}"))
                .hasMessageContaining("'/'");
        assertThatThrownBy(
                        () -> ConnectorConfig.parse("{\"name\": \"n\", \"config\": {\"k\": [1]}}"))
                .hasMessageContaining("\"k\"");
    }

    @Test
    void configJsonIsTheFlatObjectConnectExpects() throws Exception {
        ConnectorConfig c =
                ConnectorConfig.parse(
                        "{\"name\": \"n\", \"config\": {\"a\": \"${env:X}\", \"b\": \"2\"}}");

        assertThat(ConnectorConfig.JSON.readTree(c.toConfigJson()))
                .isEqualTo(ConnectorConfig.JSON.readTree("{\"a\": \"${env:X}\", \"b\": \"2\"}"));
        assertThat(ConnectorConfig.parse(c.toJson())).isEqualTo(c);
    }

    @Test
    void toStringShowsKeysButNoValues() {
        ConnectorConfig c = ConnectorConfig.load().with("database.password", "s3cret-value");

        assertThat(c.toString()).contains("database.password").doesNotContain("s3cret-value");
    }
}
