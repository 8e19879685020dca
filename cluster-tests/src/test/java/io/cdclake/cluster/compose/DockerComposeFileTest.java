package io.cdclake.cluster.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdclake.connector.capture.SignalTable;
import io.cdclake.connector.capture.TableName;
import io.cdclake.job.options.JobConfig;
import io.cdclake.job.options.LakeOptions;
import io.cdclake.stack.ChildJvm;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No Docker engine runs the compose file here, so this reads it: services, wiring and versions must
 * agree with the connector JSON, the job's options and the build.
 */
class DockerComposeFileTest {

    private static final Path REPO = Path.of(System.getProperty("cdclake.repo.dir", ".."));
    private static final String PROJECT_VERSION = System.getProperty("cdclake.project.version");
    private static final Pattern IMAGE = Pattern.compile("([a-z0-9./-]+):\\$\\{([A-Z_]+)}");
    private static final Pattern ENV_PLACEHOLDER =
            Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");

    private static ComposeFile compose;
    private static JsonNode connector;

    @BeforeAll
    static void read() throws IOException {
        compose = ComposeFile.load(REPO);
        connector =
                new ObjectMapper()
                        .readTree(
                                REPO.resolve("connector-config/postgres-connector.json").toFile());
    }

    @Test
    void hasEveryServiceOfThePipeline() {
        assertThat(compose.services())
                .containsKeys(
                        "postgres",
                        "kafka",
                        "connect",
                        "minio",
                        "minio-init",
                        "data-loader",
                        "connector-register",
                        "jobmanager",
                        "taskmanager",
                        "job-submit");
    }

    @Test
    void followsTheComposeSpecification() {
        assertThat(ComposeSchema.load().problems(compose.root()))
                .as("Compose Specification schema errors")
                .isEmpty();
    }

    @Test
    void theSchemaCheckRejectsAServiceWithAnUnknownKey() {
        Map<String, Object> broken = compose.copyOfRoot();
        ComposeFile.map(ComposeFile.map(broken.get("services")).get("postgres"))
                .put("restart_policy_typo", "always");

        assertThat(ComposeSchema.load().problems(broken))
                .singleElement()
                .asString()
                .contains("/services/postgres")
                .contains("restart_policy_typo");
    }

    @Test
    void everyImageIsPinnedByATagFromDotEnv() {
        compose.services()
                .forEach(
                        (name, service) -> {
                            String image = String.valueOf(ComposeFile.map(service).get("image"));
                            Matcher m = IMAGE.matcher(image);
                            assertThat(m.matches())
                                    .as("image of %s is name:${TAG_VARIABLE}, got %s", name, image)
                                    .isTrue();
                            String tag = compose.dotEnv().get(m.group(2));
                            assertThat(tag)
                                    .as("%s in .env", m.group(2))
                                    .isNotBlank()
                                    .doesNotContain("latest")
                                    .containsPattern("\\d");
                        });
    }

    @Test
    void versionsAgreeWithTheBuild() {
        Map<String, String> env = compose.dotEnv();
        String flink = System.getProperty("cdclake.version.flink");
        assertThat(env.get("FLINK_VERSION")).startsWith(flink + "-java17");
        assertThat(compose.environment("jobmanager").get("ENABLE_BUILT_IN_PLUGINS"))
                .isEqualTo("flink-s3-fs-hadoop-" + flink + ".jar");
        assertThat(env.get("DEBEZIUM_VERSION"))
                .isEqualTo(System.getProperty("cdclake.version.debezium"));
        assertThat(env.get("KAFKA_VERSION")).isEqualTo(System.getProperty("cdclake.version.kafka"));
        assertThat(env.get("POSTGRESQL_JDBC_VERSION"))
                .isEqualTo(System.getProperty("cdclake.version.postgresql"));
        assertThat(env.get("COMMONS_CSV_VERSION"))
                .isEqualTo(System.getProperty("cdclake.version.commons-csv"));
    }

    @Test
    void theLoaderGetsEveryJarItRunsWith() throws IOException {
        Map<String, String> env = compose.dotEnv();
        String csvPom;
        try (var in =
                DockerComposeFileTest.class.getResourceAsStream(
                        "/META-INF/maven/org.apache.commons/commons-csv/pom.xml")) {
            assertThat(in).as("commons-csv's pom.xml in its jar").isNotNull();
            csvPom = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertThat(csvPom)
                .contains("<commons.io.version>" + env.get("COMMONS_IO_VERSION") + "</")
                .contains("<commons.codec.version>" + env.get("COMMONS_CODEC_VERSION") + "</");
        Map<String, String> loader = compose.environment("data-loader");
        String script = String.valueOf(compose.list("data-loader", "command"));
        for (String variable :
                List.of(
                        "POSTGRESQL_JDBC_VERSION",
                        "COMMONS_CSV_VERSION",
                        "COMMONS_IO_VERSION",
                        "COMMONS_CODEC_VERSION")) {
            assertThat(loader).containsEntry(variable, "${" + variable + "}");
            assertThat(script).contains(":$$" + variable + "\"");
        }
    }

    /** The loader's program in the script calls the loader's Java API; it must keep compiling. */
    @Test
    void theLoadersProgramCompilesAgainstTheLoader(@TempDir Path out) throws IOException {
        String script =
                String.join(
                        "\n",
                        compose.list("data-loader", "command").stream()
                                .map(String::valueOf)
                                .toList());
        Matcher program =
                Pattern.compile("cat > /tmp/LoadSample.java <<'JAVA'\n(.*?)\nJAVA", Pattern.DOTALL)
                        .matcher(script);
        assertThat(program.find()).as("the script writes /tmp/LoadSample.java").isTrue();
        assertThat(script).contains("java -cp \"$$classpath\" /tmp/LoadSample.java");
        Path source = out.resolve("LoadSample.java");
        Files.writeString(source, program.group(1));

        int code =
                ToolProvider.getSystemJavaCompiler()
                        .run(
                                null,
                                null,
                                null,
                                "-classpath",
                                ChildJvm.currentClasspath(),
                                "-d",
                                out.toString(),
                                source.toString());

        assertThat(code).isZero();
        assertThat(out.resolve("LoadSample.class")).exists();
    }

    @Test
    void postgresDecodesLogically() {
        List<String> command =
                compose.list("postgres", "command").stream().map(String::valueOf).toList();
        assertThat(command)
                .contains("wal_level=logical")
                .anyMatch(a -> a.startsWith("max_replication_slots="))
                .anyMatch(a -> a.startsWith("max_wal_senders="));
    }

    @Test
    void connectResolvesEveryPlaceholderOfTheConnectorJson() {
        Map<String, String> env = compose.environment("connect");
        assertThat(env)
                .containsEntry("CONNECT_CONFIG_PROVIDERS", "env")
                .containsEntry(
                        "CONNECT_CONFIG_PROVIDERS_ENV_CLASS",
                        "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
        Set<String> placeholders = new HashSet<>();
        connector
                .get("config")
                .fields()
                .forEachRemaining(
                        e -> {
                            Matcher m = ENV_PLACEHOLDER.matcher(e.getValue().asText());
                            while (m.find()) {
                                placeholders.add(m.group(1));
                            }
                        });
        assertThat(placeholders).isNotEmpty();
        assertThat(env.keySet()).containsAll(placeholders);
        assertThat(env.get("CDC_LAKE_PG_HOST")).isEqualTo("postgres");
        assertThat(containerPorts("postgres"))
                .contains(Integer.parseInt(env.get("CDC_LAKE_PG_PORT")));
        assertThat(compose.interpolate(env.get("CDC_LAKE_PG_DATABASE")))
                .isEqualTo(compose.dotEnv().get("POSTGRES_DB"));
        assertThat(env.get("BOOTSTRAP_SERVERS")).isEqualTo(kafkaInternalBootstrap());
    }

    @Test
    void aLargeEventFitsEveryLimitOnItsWay() {
        JsonNode config = connector.get("config");
        long maxEvent = LakeOptions.MAX_EVENT_BYTES;
        long producerRequest = config.get("producer.override.max.request.size").asLong();
        assertThat(producerRequest).isEqualTo(maxEvent);
        // The producer refuses a record larger than its whole buffer, whatever max.request.size
        // says.
        assertThat(config.get("producer.override.buffer.memory").asLong())
                .isGreaterThanOrEqualTo(producerRequest);
        assertThat(config.get("topic.creation.default.max.message.bytes").asLong())
                .isGreaterThanOrEqualTo(producerRequest);
        Map<String, String> kafka = compose.environment("kafka");
        assertThat(Long.parseLong(kafka.get("KAFKA_MESSAGE_MAX_BYTES")))
                .isGreaterThanOrEqualTo(producerRequest);
        assertThat(Long.parseLong(kafka.get("KAFKA_REPLICA_FETCH_MAX_BYTES")))
                .isGreaterThanOrEqualTo(producerRequest);
        assertThat(compose.environment("connect"))
                .containsEntry("CONNECT_CONNECTOR_CLIENT_CONFIG_OVERRIDE_POLICY", "All");
        // The job's consumer: its defaults apply unless the job's arguments lower them.
        JobConfig job = JobConfig.fromArgs(jobArguments().toArray(String[]::new));
        LakeOptions.KAFKA_CONSUMER_DEFAULTS.forEach(
                (key, value) -> {
                    String effective = job.kafkaProperties().getProperty(key, value);
                    assertThat(Long.parseLong(effective))
                            .as("the job's %s", key)
                            .isGreaterThanOrEqualTo(producerRequest);
                });
    }

    @Test
    void connectWritesSourceRecordsExactlyOnce() {
        assertThat(connector.get("config").get("exactly.once.support").asText())
                .isEqualTo("required");
        assertThat(compose.environment("connect"))
                .containsEntry("CONNECT_EXACTLY_ONCE_SOURCE_SUPPORT", "enabled");
        // The worker's transactional producers need a transaction log that one broker can hold.
        assertThat(compose.environment("kafka"))
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1");
    }

    @Test
    void registrationPutsTheConnectorJsonsConfigUnderItsName() {
        String name = connector.get("name").asText();
        assertThat(compose.list("connector-register", "volumes"))
                .contains(
                        "./connector-config/postgres-connector.json:/config/postgres-connector.json:ro");
        String script =
                String.join(
                        "\n",
                        compose.list("connector-register", "command").stream()
                                .map(String::valueOf)
                                .toList());
        assertThat(script)
                .contains("jq '.config' /config/postgres-connector.json")
                .contains("-X PUT")
                .contains(
                        "http://connect:"
                                + containerPorts("connect").get(0)
                                + "/connectors/"
                                + name
                                + "/config");
    }

    @Test
    void theLoaderCreatesTheSignalTableTheConnectorReads() {
        JsonNode config = connector.get("config");
        TableName signalTable = TableName.parse(config.get("signal.data.collection").asText());
        assertThat(config.get("signal.enabled.channels").asText()).contains("source");
        String script =
                String.join(
                        "\n",
                        compose.list("data-loader", "command").stream()
                                .map(String::valueOf)
                                .toList());
        assertThat(script).contains("'" + SignalTable.createStatement(signalTable) + "'");
    }

    @Test
    void jobArgumentsParseAndMatchTheStack() {
        JobConfig config = JobConfig.fromArgs(jobArguments().toArray(String[]::new));

        assertThat(config.get(LakeOptions.KAFKA_BOOTSTRAP_SERVERS))
                .isEqualTo(kafkaInternalBootstrap());
        String bucket = compose.dotEnv().get("LAKE_BUCKET");
        assertThat(config.get(LakeOptions.LAKE_BUCKET)).isEqualTo(bucket);
        assertThat(compose.interpolate(compose.environment("minio-init").get("LAKE_BUCKET")))
                .isEqualTo(bucket);
        assertThat(compose.interpolate(String.valueOf(compose.list("minio-init", "command"))))
                .contains("mc mb --ignore-existing \"local/$LAKE_BUCKET\"");

        String prefix = connector.get("config").get("topic.prefix").asText();
        assertThat(prefix).isEqualTo("postgres");
        Pattern topics = Pattern.compile(config.get(LakeOptions.KAFKA_TOPIC_PATTERN));
        for (String table : connector.get("config").get("table.include.list").asText().split(",")) {
            assertThat(topics.matcher(prefix + "." + table.trim()).matches())
                    .as("the job reads the topic of %s", table)
                    .isTrue();
        }
        assertThat(jobSubmitScript())
                .contains("grep -q ': " + config.get(LakeOptions.JOB_NAME) + " ('");
    }

    @Test
    void jarsComeFromTheBuildOfThisRepository() {
        assertThat(bindSource("job-submit", "/jobs/cdc-lake-flink-job.jar"))
                .isEqualTo("./flink-job/target/cdc-lake-flink-job-" + PROJECT_VERSION + "-job.jar");
        assertThat(jobSubmitScript())
                .contains("flink run -d")
                .contains("/jobs/cdc-lake-flink-job.jar \"$@\"");
        assertThat(bindSource("data-loader", "/opt/loader/cdc-lake-data-loader.jar"))
                .isEqualTo("./data-loader/target/cdc-lake-data-loader-" + PROJECT_VERSION + ".jar");
        assertThat(bindSource("data-loader", "/opt/loader/cdc-lake-postgres-catalog.jar"))
                .isEqualTo(
                        "./postgres-catalog/target/cdc-lake-postgres-catalog-"
                                + PROJECT_VERSION
                                + ".jar");
        // A plugin folder of its own under the image's plugin path, for the connector's converter.
        assertThat(
                        bindSource(
                                "connect",
                                "/kafka/connect/cdc-lake-connect-converter/"
                                        + "cdc-lake-connect-converter.jar"))
                .isEqualTo(
                        "./connect-converter/target/cdc-lake-connect-converter-"
                                + PROJECT_VERSION
                                + ".jar");
    }

    @Test
    void flinkUsesTheS3PluginAndKeepsCheckpointsInTheBucket() {
        for (String service : List.of("jobmanager", "taskmanager", "job-submit")) {
            Map<String, String> env = compose.environment(service);
            Map<String, String> properties = compose.flinkProperties(service);
            URI endpoint = URI.create(properties.get("s3.endpoint"));
            assertThat(endpoint.getHost()).isEqualTo("minio");
            assertThat(containerPorts("minio")).contains(endpoint.getPort());
            assertThat(properties)
                    .containsEntry("s3.path.style.access", "true")
                    .containsEntry("s3.directory.marker.retention", "keep")
                    .containsEntry("s3.access-key", "${S3_ACCESS_KEY}")
                    .containsEntry("s3.secret-key", "${S3_SECRET_KEY}");
            assertThat(env)
                    .containsEntry("S3_ACCESS_KEY", "${MINIO_ROOT_USER}")
                    .containsEntry("S3_SECRET_KEY", "${MINIO_ROOT_PASSWORD}");
            String flinkDir = "s3://" + compose.dotEnv().get("LAKE_BUCKET") + "/_flink/";
            assertThat(properties.get("execution.checkpointing.dir")).startsWith(flinkDir);
            assertThat(properties.get("execution.checkpointing.savepoint-dir"))
                    .startsWith(flinkDir);
            assertThat(env.get("ENABLE_BUILT_IN_PLUGINS")).startsWith("flink-s3-fs-hadoop-");
        }
    }

    @Test
    void minioAbortsIncompleteMultipartUploadsAfterADay() {
        Map<String, String> minio = compose.environment("minio");
        Duration expiry = goDuration(minio.get("MINIO_API_STALE_UPLOADS_EXPIRY"));
        Duration interval = goDuration(minio.get("MINIO_API_STALE_UPLOADS_CLEANUP_INTERVAL"));
        assertThat(expiry).isEqualTo(Duration.ofDays(1));
        assertThat(interval).isPositive().isLessThanOrEqualTo(Duration.ofHours(6));
        // MinIO drops lifecycle rules with AbortIncompleteMultipartUpload: one would promise a
        // cleanup that never happens.
        assertThat(String.valueOf(compose.list("minio-init", "command")))
                .doesNotContain("AbortIncompleteMultipartUpload");
    }

    /** A duration as MinIO (Go) writes it: {@code 24h}, {@code 90m}, {@code 1h30m}, {@code 45s}. */
    private static Duration goDuration(String text) {
        assertThat(text).as("a Go duration").isNotNull().matches("(\\d+[hms])+");
        Duration total = Duration.ZERO;
        Matcher m = Pattern.compile("(\\d+)([hms])").matcher(text);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total =
                    total.plus(
                            switch (m.group(2)) {
                                case "h" -> Duration.ofHours(n);
                                case "m" -> Duration.ofMinutes(n);
                                default -> Duration.ofSeconds(n);
                            });
        }
        return total;
    }

    @Test
    void dependenciesStartTheStackInOrder() {
        assertThat(dependencies("connect"))
                .containsEntry("kafka", "service_healthy")
                .containsEntry("postgres", "service_healthy");
        assertThat(dependencies("minio-init")).containsEntry("minio", "service_healthy");
        assertThat(dependencies("data-loader")).containsEntry("postgres", "service_healthy");
        // Debezium's filtered publication needs the table: the loader creates it before the
        // connector starts.
        assertThat(dependencies("connector-register"))
                .containsEntry("connect", "service_healthy")
                .containsEntry("data-loader", "service_completed_successfully");
        assertThat(dependencies("taskmanager")).containsEntry("jobmanager", "service_healthy");
        assertThat(dependencies("job-submit"))
                .containsEntry("jobmanager", "service_healthy")
                .containsEntry("kafka", "service_healthy")
                .containsEntry("minio-init", "service_completed_successfully");

        Map<String, Map<String, String>> graph = new LinkedHashMap<>();
        compose.services().keySet().forEach(s -> graph.put(s, dependencies(s)));
        graph.forEach(
                (service, deps) ->
                        deps.forEach(
                                (dependency, condition) -> {
                                    assertThat(graph)
                                            .as("%s depends on an existing service", service)
                                            .containsKey(dependency);
                                    if (condition.equals("service_healthy")) {
                                        assertThat(compose.service(dependency))
                                                .as("%s has a health check", dependency)
                                                .containsKey("healthcheck");
                                    }
                                }));
        assertThat(startOrder(graph)).as("no dependency cycle").hasSameSizeAs(graph.keySet());
    }

    @Test
    void stateLivesInNamedVolumes() {
        assertThat(compose.list("postgres", "volumes"))
                .contains("postgres-data:/var/lib/postgresql/data");
        assertThat(compose.list("minio", "volumes")).contains("minio-data:/data");
        assertThat(compose.list("kafka", "volumes")).contains("kafka-data:/var/lib/kafka/data");
        assertThat(compose.namedVolumes())
                .containsKeys("postgres-data", "minio-data", "kafka-data");
    }

    @Test
    void credentialsComeFromDotEnvOnly() {
        assertThat(compose.dotEnv().keySet()).contains("POSTGRES_PASSWORD", "MINIO_ROOT_PASSWORD");
        compose.dotEnv()
                .forEach(
                        (key, value) -> {
                            if (key.matches(".*(PASSWORD|SECRET).*")) {
                                assertThat(compose.text())
                                        .as(
                                                "the value of %s is not written in"
                                                        + " docker-compose.yaml",
                                                key)
                                        .doesNotContain(value);
                            }
                        });
        compose.services()
                .keySet()
                .forEach(
                        service ->
                                compose.environment(service)
                                        .forEach(
                                                (key, value) -> {
                                                    if (key.matches(
                                                            "(?i).*(password|secret|access.?key).*")) {
                                                        assertThat(value)
                                                                .as(
                                                                        "%s of %s comes from a"
                                                                                + " variable",
                                                                        key, service)
                                                                .matches("\\$\\{[A-Z_]+}");
                                                    }
                                                }));
    }

    @Test
    void dotEnvSaysItsValuesAreForDemosOnly() throws IOException {
        assertThat(java.nio.file.Files.readString(REPO.resolve(".env"))).contains("DEMO-ONLY");
    }

    private static List<String> jobArguments() {
        List<String> command =
                compose.list("job-submit", "command").stream().map(String::valueOf).toList();
        int scriptName = command.indexOf("submit-job");
        assertThat(scriptName)
                .as("job-submit passes the job's options after its script name")
                .isPositive();
        return command.subList(scriptName + 1, command.size()).stream()
                .map(compose::interpolate)
                .toList();
    }

    private static String jobSubmitScript() {
        List<String> command =
                compose.list("job-submit", "command").stream().map(String::valueOf).toList();
        return compose.interpolate(command.get(command.indexOf("submit-job") - 1));
    }

    private static String kafkaInternalBootstrap() {
        String advertised = compose.environment("kafka").get("KAFKA_ADVERTISED_LISTENERS");
        for (String listener : advertised.split(",")) {
            if (listener.startsWith(
                    compose.environment("kafka").get("KAFKA_INTER_BROKER_LISTENER_NAME") + "://")) {
                return listener.substring(listener.indexOf("://") + 3);
            }
        }
        throw new AssertionError("no inter-broker listener in " + advertised);
    }

    private static List<Integer> containerPorts(String service) {
        List<Integer> ports = new ArrayList<>();
        for (Object mapping : compose.list(service, "ports")) {
            String text = String.valueOf(mapping);
            ports.add(Integer.parseInt(text.substring(text.lastIndexOf(':') + 1)));
        }
        return ports;
    }

    private static String bindSource(String service, String target) {
        for (Object volume : compose.list(service, "volumes")) {
            if (volume instanceof Map<?, ?> bind && target.equals(bind.get("target"))) {
                assertThat(ComposeFile.map(bind.get("bind")))
                        .as("a missing jar fails instead of becoming a folder")
                        .containsEntry("create_host_path", false);
                return String.valueOf(bind.get("source"));
            }
        }
        throw new AssertionError(service + " mounts nothing at " + target);
    }

    private static Map<String, String> dependencies(String service) {
        Map<String, String> deps = new LinkedHashMap<>();
        Object raw = compose.service(service).get("depends_on");
        if (raw != null) {
            ComposeFile.map(raw)
                    .forEach(
                            (name, spec) ->
                                    deps.put(
                                            name,
                                            String.valueOf(
                                                    ComposeFile.map(spec).get("condition"))));
        }
        return deps;
    }

    private static List<String> startOrder(Map<String, Map<String, String>> graph) {
        List<String> order = new ArrayList<>();
        boolean progress = true;
        while (progress) {
            progress = false;
            for (var entry : graph.entrySet()) {
                if (!order.contains(entry.getKey())
                        && order.containsAll(entry.getValue().keySet())) {
                    order.add(entry.getKey());
                    progress = true;
                }
            }
        }
        return order;
    }
}
