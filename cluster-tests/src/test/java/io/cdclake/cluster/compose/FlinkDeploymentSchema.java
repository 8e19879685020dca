package io.cdclake.cluster.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The schema Kubernetes checks a {@code FlinkDeployment} against: {@code openAPIV3Schema} of the
 * Flink Kubernetes Operator's custom resource definition, version {@code v1beta1}.
 *
 * <p>The resource {@code flink-kubernetes-operator/flinkdeployments.flink.apache.org-v1.yml} is an
 * unmodified copy of {@code
 * helm/flink-kubernetes-operator/crds/flinkdeployments.flink.apache.org-v1.yml} of
 * github.com/apache/flink-kubernetes-operator at tag release-1.15.0 (commit
 * 79d730bab4d8403f3a447fb027f879f5cbdc59ad); replace it with a newer one the same way.
 */
final class FlinkDeploymentSchema {

    private static final String RESOURCE =
            "/flink-kubernetes-operator/flinkdeployments.flink.apache.org-v1.yml";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Schema schema;

    private FlinkDeploymentSchema(Schema schema) {
        this.schema = schema;
    }

    static FlinkDeploymentSchema load() {
        Map<String, Object> crd;
        try (InputStream in = FlinkDeploymentSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("class path resource " + RESOURCE + " is missing");
            }
            LoaderOptions options = new LoaderOptions();
            options.setCodePointLimit(8 * 1024 * 1024);
            crd = new Yaml(options).load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonNode openApi = null;
        for (JsonNode version : JSON.valueToTree(crd).path("spec").path("versions")) {
            if (version.path("name").asText().equals("v1beta1")) {
                openApi = version.path("schema").path("openAPIV3Schema");
            }
        }
        if (openApi == null || !openApi.isObject()) {
            throw new IllegalStateException(RESOURCE + " has no openAPIV3Schema for v1beta1");
        }
        closeObjects(openApi);
        // apiVersion, kind and metadata belong to every resource; the definition leaves them out.
        ((ObjectNode) openApi).remove("additionalProperties");
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
        return new FlinkDeploymentSchema(registry.getSchema(openApi.toString(), InputFormat.JSON));
    }

    /**
     * The API server drops fields a structural schema does not declare, silently; closing every
     * object that declares its properties turns such a field (a typo, a key of another operator
     * version) into an error here instead.
     */
    private static void closeObjects(JsonNode node) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            if (object.has("properties")
                    && !object.has("additionalProperties")
                    && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                object.put("additionalProperties", false);
            }
        }
        node.forEach(FlinkDeploymentSchema::closeObjects);
    }

    /**
     * What the schema finds wrong with a parsed manifest, one line each; empty when it is valid.
     */
    List<String> problems(Map<String, Object> manifest) {
        return schema.validate(JSON.valueToTree(manifest).toString(), InputFormat.JSON).stream()
                .map(Error::toString)
                .toList();
    }
}
