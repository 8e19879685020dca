package io.cdclake.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdclake.stack.testing.StackExtension;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.FileSystem;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackITCase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static final StackExtension STACK =
            StackExtension.of("stack", b -> b.postgres().kafka().connect().s3());

    @Test
    @Order(1)
    void transactionalWritesAreVisibleToReadCommittedConsumers() throws Exception {
        String topic = "tx-check";
        STACK.stack().kafka().createTopic(topic, 2);
        Properties producerProps = new Properties();
        producerProps.put(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.stack().kafka().bootstrapServers());
        producerProps.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-check-producer");
        producerProps.put(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerProps.put(
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "aborted"));
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "committed"));
            producer.commitTransaction();
        }
        List<ConsumerRecord<String, String>> records =
                consumeUntil(
                        topic,
                        Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                        r -> "committed".equals(r.value()),
                        Duration.ofSeconds(30));
        assertThat(records).extracting(ConsumerRecord::value).containsExactly("committed");
    }

    @Test
    @Order(2)
    void debeziumStreamsInsertsFromPostgres() throws Exception {
        try (Connection c = STACK.stack().postgres().connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE items (id int PRIMARY KEY, name text)");
            s.execute("INSERT INTO items VALUES (1, 'before-connector')");
        }
        // Placeholders go through the worker's `env` config provider, as the real connector JSON
        // does.
        String config =
                """
                {"connector.class": "io.debezium.connector.postgresql.PostgresConnector",
                 "plugin.name": "pgoutput",
                 "database.hostname": "${env:CDC_LAKE_PG_HOST}",
                 "database.port": "${env:CDC_LAKE_PG_PORT}",
                 "database.user": "${env:CDC_LAKE_PG_USER}",
                 "database.password": "${env:CDC_LAKE_PG_PASSWORD}",
                 "database.dbname": "${env:CDC_LAKE_PG_DATABASE}",
                 "topic.prefix": "postgres",
                 "table.include.list": "public.items",
                 "slot.name": "it_items",
                 "publication.name": "it_items",
                 "publication.autocreate.mode": "filtered"}
                """;
        HttpResponse<String> put =
                HTTP.send(
                        HttpRequest.newBuilder(
                                        STACK.stack()
                                                .connect()
                                                .restUrl()
                                                .resolve("/connectors/it-items/config"))
                                .header("Content-Type", "application/json")
                                .PUT(HttpRequest.BodyPublishers.ofString(config))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);

        String topic = "postgres.public.items";
        List<ConsumerRecord<String, String>> snapshot =
                consumeUntil(
                        topic,
                        Map.of(),
                        r -> r.value() != null && r.value().contains("before-connector"),
                        Duration.ofSeconds(90));
        JsonNode read = JSON.readTree(snapshot.get(snapshot.size() - 1).value());
        assertThat(read.at("/payload/op").asText()).isEqualTo("r");

        try (Connection c = STACK.stack().postgres().connect();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO items VALUES (2, 'after-connector')");
        }
        List<ConsumerRecord<String, String>> streamed =
                consumeUntil(
                        topic,
                        Map.of(),
                        r -> r.value() != null && r.value().contains("after-connector"),
                        Duration.ofSeconds(60));
        JsonNode insert = JSON.readTree(streamed.get(streamed.size() - 1).value());
        assertThat(insert.at("/payload/op").asText()).isEqualTo("c");
        assertThat(insert.at("/payload/after/id").asInt()).isEqualTo(2);
        assertThat(insert.at("/payload/after/name").asText()).isEqualTo("after-connector");
        assertThat(insert.at("/payload/source/table").asText()).isEqualTo("items");
        assertThat(insert.at("/schema/name").asText()).isEqualTo("postgres.public.items.Envelope");
    }

    @Test
    @Order(3)
    void flinkFileSystemReadsAndWritesThroughS3() throws Exception {
        Configuration conf = new Configuration();
        STACK.stack().s3().flinkS3Options().forEach(conf::setString);
        FlinkFileSystems.initializeWithS3(conf, STACK.workDir());
        FlinkFileSystems.initializeWithS3(conf, STACK.workDir());

        String content = "hello " + UUID.randomUUID();
        org.apache.flink.core.fs.Path object =
                new org.apache.flink.core.fs.Path(
                        "s3://" + STACK.stack().s3().bucket() + "/it/hello.txt");
        FileSystem fs = object.getFileSystem();
        assertThat(fs.getUri().getScheme()).isEqualTo("s3");
        try (OutputStream out = fs.create(object, FileSystem.WriteMode.OVERWRITE)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        try (InputStream in = fs.open(object)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(content);
        }
        // The object is a plain file of the bucket directory: the bucket the service made is the
        // one S3 serves.
        assertThat(
                        STACK.workDir()
                                .resolve("s3")
                                .resolve(STACK.stack().s3().bucket())
                                .resolve("it/hello.txt"))
                .hasContent(content);
        assertThat(
                        fs.listStatus(
                                new org.apache.flink.core.fs.Path(
                                        "s3://" + STACK.stack().s3().bucket() + "/it/")))
                .hasSize(1);
    }

    @Test
    @Order(4)
    void s3RejectsWrongCredentials() throws Exception {
        HttpResponse<String> anonymous =
                HTTP.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                STACK.stack().s3().endpoint()
                                                        + "/"
                                                        + STACK.stack().s3().bucket()
                                                        + "/it/hello.txt"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(403);
    }

    @Test
    @Order(99)
    void closeLeavesNoProcessBehind() throws Exception {
        long postgresPid = STACK.stack().postgres().serverPid();
        long s3Pid = STACK.stack().s3().pid();
        assertThat(ProcessHandle.of(postgresPid)).isPresent();
        assertThat(ProcessHandle.of(s3Pid)).isPresent();

        STACK.stack().close();

        assertThat(ProcessHandle.of(postgresPid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(ProcessHandle.of(s3Pid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(
                        ProcessHandle.current()
                                .descendants()
                                .filter(ProcessHandle::isAlive)
                                .map(p -> p.info().toString()))
                .isEmpty();
    }

    private static List<ConsumerRecord<String, String>> consumeUntil(
            String topic,
            Map<String, Object> extra,
            Predicate<ConsumerRecord<String, String>> done,
            Duration timeout) {
        Properties props = new Properties();
        props.put(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.stack().kafka().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.putAll(extra);
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            // The consumer's own poll is the pause between checks; it stays on the thread that made
            // it.
            await().alias("a matching record on " + topic)
                    .atMost(timeout)
                    .pollInSameThread()
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(1))
                    .until(
                            () -> {
                                for (ConsumerRecord<String, String> r :
                                        consumer.poll(Duration.ofMillis(500))) {
                                    seen.add(r);
                                    if (done.test(r)) {
                                        return true;
                                    }
                                }
                                return false;
                            });
        }
        return seen;
    }
}
