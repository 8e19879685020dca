package io.cdclake.cluster.compose;

import static org.assertj.core.api.Assertions.assertThat;

import io.cdclake.job.options.JobConfig;
import io.cdclake.job.options.LakeOptions;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * No Kubernetes runs here, so this reads {@code kubernetes/flink-deployment.yaml}: the Flink
 * Kubernetes Operator must get the same image, S3 plugin, checkpoint and savepoint folders and job
 * options as the compose stack, and upgrade the job through a savepoint.
 */
class FlinkDeploymentFileTest {

    private static final Path REPO = Path.of(System.getProperty("cdclake.repo.dir", ".."));
    private static final String PROJECT_VERSION = System.getProperty("cdclake.project.version");
    private static final String FLINK_VERSION = System.getProperty("cdclake.version.flink");

    private static Map<String, Object> root;
    private static Map<String, Object> spec;
    private static ComposeFile compose;

    @BeforeAll
    static void read() throws IOException {
        try (Reader in =
                Files.newBufferedReader(REPO.resolve("kubernetes/flink-deployment.yaml"))) {
            root = new Yaml().load(in);
        }
        assertThat(root)
                .containsEntry("apiVersion", "flink.apache.org/v1beta1")
                .containsEntry("kind", "FlinkDeployment");
        spec = ComposeFile.map(root.get("spec"));
        compose = ComposeFile.load(REPO);
    }

    @Test
    void isValidForTheOperatorsCustomResourceDefinition() {
        assertThat(FlinkDeploymentSchema.load().problems(root))
                .as("FlinkDeployment schema errors")
                .isEmpty();
    }

    @Test
    void theSchemaCheckRejectsAMisspelledKey() {
        Map<String, Object> broken = new LinkedHashMap<>(root);
        Map<String, Object> brokenSpec = new LinkedHashMap<>(spec);
        Map<String, Object> job = new LinkedHashMap<>(ComposeFile.map(spec.get("job")));
        job.put("upgradeModes", job.remove("upgradeMode"));
        brokenSpec.put("job", job);
        broken.put("spec", brokenSpec);
        assertThat(FlinkDeploymentSchema.load().problems(broken))
                .singleElement()
                .asString()
                .contains("upgradeModes");
    }

    @Test
    void runsTheFlinkOfTheBuildAndTheCompose() {
        assertThat(spec.get("image")).isEqualTo("flink:" + compose.dotEnv().get("FLINK_VERSION"));
        String[] version = FLINK_VERSION.split("\\.");
        assertThat(spec.get("flinkVersion")).isEqualTo("v" + version[0] + "_" + version[1]);
        assertThat(environment().get("ENABLE_BUILT_IN_PLUGINS"))
                .isEqualTo("flink-s3-fs-hadoop-" + FLINK_VERSION + ".jar")
                .isEqualTo(compose.environment("jobmanager").get("ENABLE_BUILT_IN_PLUGINS"));
    }

    @Test
    void upgradesThroughASavepointKeptInTheLakeBucket() {
        Map<String, Object> job = ComposeFile.map(spec.get("job"));
        assertThat(job).containsEntry("upgradeMode", "savepoint").containsEntry("state", "running");
        Map<String, String> flink = flinkConfiguration();
        String bucket = JobConfig.fromArgs(arguments()).get(LakeOptions.LAKE_BUCKET);
        String flinkDir = "s3://" + bucket + "/_flink/";
        assertThat(flink.get("execution.checkpointing.dir")).isEqualTo(flinkDir + "checkpoints");
        assertThat(flink.get("execution.checkpointing.savepoint-dir"))
                .isEqualTo(flinkDir + "savepoints");
        assertThat(flink)
                .containsEntry(
                        "execution.checkpointing.externalized-checkpoint-retention",
                        "RETAIN_ON_CANCELLATION")
                .containsEntry("high-availability.type", "kubernetes");
        assertThat(flink.get("high-availability.storageDir")).startsWith(flinkDir);
        // The compose stack keeps its checkpoints and savepoints in the same places of its bucket.
        Map<String, String> composeFlink = compose.flinkProperties("jobmanager");
        assertThat(
                        composeFlink
                                .get("execution.checkpointing.dir")
                                .replace(compose.dotEnv().get("LAKE_BUCKET"), bucket))
                .isEqualTo(flink.get("execution.checkpointing.dir"));
    }

    @Test
    void readsS3AsTheComposeStackDoes() {
        Map<String, String> flink = flinkConfiguration();
        Map<String, String> composeFlink = compose.flinkProperties("jobmanager");
        for (String key :
                List.of("s3.endpoint", "s3.path.style.access", "s3.directory.marker.retention")) {
            assertThat(flink.get(key)).as(key).isEqualTo(composeFlink.get(key));
        }
    }

    @Test
    void credentialsComeFromASecretNeverFromTheFile() {
        for (Map<String, Object> variable : environmentEntries()) {
            String name = String.valueOf(variable.get("name"));
            if (name.matches("(?i).*(password|secret|access.?key).*")) {
                assertThat(variable).as(name).doesNotContainKey("value").containsKey("valueFrom");
                assertThat(ComposeFile.map(ComposeFile.map(variable.get("valueFrom"))))
                        .containsKey("secretKeyRef");
            }
        }
        assertThat(flinkConfiguration().keySet())
                .noneMatch(key -> key.matches("(?i).*(password|secret|access.?key).*"));
        assertThat(environment()).containsKeys("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
    }

    @Test
    void submitsTheJobJarOfThisBuildWithOptionsTheJobAccepts() {
        Map<String, Object> job = ComposeFile.map(spec.get("job"));
        String bucket = JobConfig.fromArgs(arguments()).get(LakeOptions.LAKE_BUCKET);
        assertThat(String.valueOf(job.get("jarURI")))
                .isEqualTo(
                        "s3://"
                                + bucket
                                + "/_jobs/cdc-lake-flink-job-"
                                + PROJECT_VERSION
                                + "-job.jar");
        JobConfig config = JobConfig.fromArgs(arguments());
        assertThat(config.get(LakeOptions.KAFKA_BOOTSTRAP_SERVERS)).isEqualTo("kafka:9092");
        assertThat(config.get(LakeOptions.LAKE_BUCKET))
                .isEqualTo(compose.dotEnv().get("LAKE_BUCKET"));
        int slots = Integer.parseInt(flinkConfiguration().get("taskmanager.numberOfTaskSlots"));
        assertThat((Integer) job.get("parallelism")).isPositive().isLessThanOrEqualTo(slots);
    }

    private static String[] arguments() {
        @SuppressWarnings("unchecked")
        List<Object> args = (List<Object>) ComposeFile.map(spec.get("job")).get("args");
        return args.stream().map(String::valueOf).toArray(String[]::new);
    }

    private static Map<String, String> flinkConfiguration() {
        Map<String, String> flink = new LinkedHashMap<>();
        ComposeFile.map(spec.get("flinkConfiguration"))
                .forEach((k, v) -> flink.put(k, String.valueOf(v)));
        return flink;
    }

    private static Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        for (Map<String, Object> variable : environmentEntries()) {
            env.put(
                    String.valueOf(variable.get("name")),
                    variable.containsKey("value") ? String.valueOf(variable.get("value")) : null);
        }
        return env;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> environmentEntries() {
        Map<String, Object> podSpec =
                ComposeFile.map(ComposeFile.map(spec.get("podTemplate")).get("spec"));
        List<Map<String, Object>> containers =
                (List<Map<String, Object>>) podSpec.get("containers");
        Map<String, Object> main =
                containers.stream()
                        .filter(c -> "flink-main-container".equals(c.get("name")))
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        new AssertionError(
                                                "no flink-main-container in the pod template"));
        return (List<Map<String, Object>>) main.get("env");
    }
}
