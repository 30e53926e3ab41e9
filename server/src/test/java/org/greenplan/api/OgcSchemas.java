package org.greenplan.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Checks API documents against the OGC API – Features Part 1 schemas (test resource ogcapi/). */
final class OgcSchemas {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final ObjectNode DOCUMENT = load();

    private OgcSchemas() {
    }

    private static ObjectNode load() {
        try (InputStream in = OgcSchemas.class.getResourceAsStream("/ogcapi/features-part1.schema.json")) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts the document is valid as the named definition, e.g. "featureCollection". */
    static void assertValid(String definition, JsonNode document) {
        assertThat(DOCUMENT.path("$defs").has(definition)).as("schema has " + definition).isTrue();
        ObjectNode root = DOCUMENT.deepCopy();
        root.put("$ref", "#/$defs/" + definition);
        Schema schema = REGISTRY.getSchema(JSON.writeValueAsString(root));
        List<Error> errors = schema.validate(document);
        assertThat(errors).as(definition + " errors for " + abbreviate(document)).isEmpty();
    }

    static List<Error> errors(String definition, JsonNode document) {
        ObjectNode root = DOCUMENT.deepCopy();
        root.put("$ref", "#/$defs/" + definition);
        return REGISTRY.getSchema(JSON.writeValueAsString(root)).validate(document);
    }

    private static String abbreviate(JsonNode n) {
        String s = n.toString();
        return s.length() > 400 ? s.substring(0, 400) + "…" : s;
    }
}
