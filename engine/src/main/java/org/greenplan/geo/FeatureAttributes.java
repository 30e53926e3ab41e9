package org.greenplan.geo;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A feature's properties as the engines read them, from a JSON object's text (PostGIS {@code properties::text},
 * a GeoJSON file's {@code properties}): numbers stay numbers, nested values become their JSON text. One rule
 * for the server and the batch job, so both hand the engines the same attributes.
 */
public final class FeatureAttributes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FeatureAttributes() {
    }

    public static Map<String, Object> fromJson(String properties) {
        if (properties == null || properties.equals("{}")) {
            return Map.of();
        }
        JsonNode node = JSON.readTree(properties);
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            JsonNode v = e.getValue();
            Object value;
            if (v.isNull()) {
                value = null;
            } else if (v.isNumber()) {
                value = v.numberValue();
            } else if (v.isBoolean()) {
                value = v.booleanValue();
            } else if (v.isString()) {
                value = v.stringValue();
            } else {
                value = v.toString();
            }
            m.put(e.getKey(), value);
        }
        return m;
    }
}
