package io.cdclake.cluster.compose;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Map;

/**
 * The Compose Specification's JSON schema, as Compose itself checks a file before it runs it.
 *
 * <p>The resource {@code compose-spec/compose-spec.json} is an unmodified copy of {@code
 * schema/compose-spec.json} of github.com/compose-spec/compose-spec at commit
 * 170098ba07d9f53c383a41bfd4c5166b0a4529a6 (2026-06-23); replace it with a newer one the same way.
 */
final class ComposeSchema {

    private static final String RESOURCE = "compose-spec/compose-spec.json";

    private final Schema schema;

    private ComposeSchema(Schema schema) {
        this.schema = schema;
    }

    static ComposeSchema load() {
        if (ComposeSchema.class.getResource("/" + RESOURCE) == null) {
            throw new IllegalStateException("class path resource " + RESOURCE + " is missing");
        }
        // Loaded by its location, not as a bare stream: the schema's relative $id needs a base to
        // resolve against.
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
        return new ComposeSchema(registry.getSchema(SchemaLocation.of("classpath:" + RESOURCE)));
    }

    /**
     * What the schema finds wrong with a parsed compose file (merge keys resolved, variables not
     * interpolated, as Compose validates), one line each; empty when the file is valid.
     */
    List<String> problems(Map<String, Object> composeRoot) {
        String json;
        try {
            json = new ObjectMapper().writeValueAsString(composeRoot);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "the parsed compose file does not convert to JSON", e);
        }
        return schema.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
    }
}
