package org.greenplan.geo;

import java.io.InputStream;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.locationtech.jts.geom.Geometry;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Streams the features of a GeoJSON FeatureCollection one at a time, so a file of a million features is
 * never held in memory whole. Members other than "features" are skipped wherever they appear.
 *
 * <p>Geometry errors are reported per feature: {@link #next()} throws a feature-level
 * {@link GeoJsonException} and the next call moves on; a document that is not JSON or not a
 * FeatureCollection fails with a document-level one.
 */
public final class GeoJsonFeatureReader implements Iterator<GeoJsonFeature>, AutoCloseable {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private final JsonParser parser;
    private long index;
    private JsonNode pending;
    private boolean done;

    public GeoJsonFeatureReader(InputStream in) {
        try {
            this.parser = MAPPER.createParser(in);
            seekFeatures();
        } catch (JacksonException e) {
            throw new GeoJsonException("not valid JSON: " + e.getOriginalMessage());
        }
    }

    private void seekFeatures() {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new GeoJsonException("a FeatureCollection must be a JSON object");
        }
        boolean isCollection = false;
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (name.equals("type")) {
                String type = value == JsonToken.VALUE_STRING ? parser.getString() : "";
                if (!type.equals("FeatureCollection")) {
                    throw new GeoJsonException("expected \"type\": \"FeatureCollection\", found \"" + type + "\"");
                }
                isCollection = true;
            } else if (name.equals("features")) {
                if (value != JsonToken.START_ARRAY) {
                    throw new GeoJsonException("'features' must be an array");
                }
                return;
            } else {
                parser.skipChildren();
            }
        }
        if (!isCollection) {
            throw new GeoJsonException("not a FeatureCollection: no \"type\" member");
        }
        throw new GeoJsonException("the FeatureCollection has no 'features' array");
    }

    @Override
    public boolean hasNext() {
        if (pending != null) {
            return true;
        }
        if (done) {
            return false;
        }
        try {
            JsonToken t = parser.nextToken();
            if (t == JsonToken.END_ARRAY || t == null) {
                done = true;
                return false;
            }
            pending = parser.readValueAsTree();
            return true;
        } catch (JacksonException e) {
            throw new GeoJsonException("feature " + index + ": not valid JSON: " + e.getOriginalMessage());
        }
    }

    @Override
    public GeoJsonFeature next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        JsonNode node = pending;
        pending = null;
        long i = index++;
        if (!node.isObject() || !"Feature".equals(node.path("type").asString(""))) {
            throw new GeoJsonException("feature " + i + ": expected an object with \"type\": \"Feature\"", i);
        }
        JsonNode g = node.get("geometry");
        Geometry geometry;
        try {
            geometry = g == null || g.isNull() ? null : GeoJson.read(g);
        } catch (GeoJsonException e) {
            throw new GeoJsonException("feature " + i + ": " + e.getMessage(), i);
        }
        JsonNode props = node.get("properties");
        ObjectNode properties = props != null && props.isObject() ? (ObjectNode) props : MAPPER.createObjectNode();
        JsonNode id = node.get("id");
        String fid = id == null || id.isNull() ? null : id.asString();
        return new GeoJsonFeature(i, fid, geometry, properties);
    }

    @Override
    public void close() {
        parser.close();
    }
}
