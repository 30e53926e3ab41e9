package org.greenplan.demo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.greenplan.geo.GeoJson;
import org.locationtech.jts.geom.Geometry;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Streams one layer as an RFC 7946 FeatureCollection (lon/lat, 7 decimals ≈ 1 cm, no "crs"), one
 * feature per line so diffs of the committed demo data stay readable.
 */
final class LayerWriter implements AutoCloseable {

    static final int DECIMALS = 7;
    private static final JsonFactory JSON = new JsonFactory();

    private final JsonGenerator gen;
    private long count;

    LayerWriter(Path file) {
        try {
            BufferedWriter out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16);
            gen = JSON.createGenerator(ObjectWriteContext.empty(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        gen.writeStartObject();
        gen.writeStringProperty("type", "FeatureCollection");
        gen.writeName("features");
        gen.writeStartArray();
        gen.writeRaw("\n");
    }

    void write(DemoFeature f) {
        Geometry lonLat = CityLayout.ZONE.toLonLat(f.metres());
        gen.writeStartObject();
        gen.writeStringProperty("type", "Feature");
        gen.writeStringProperty("id", f.id());
        gen.writeName("properties");
        gen.writeStartObject();
        for (Map.Entry<String, Object> p : f.properties().entrySet()) {
            gen.writeName(p.getKey());
            Object v = p.getValue();
            if (v instanceof Integer i) {
                gen.writeNumber(i);
            } else if (v instanceof Long l) {
                gen.writeNumber(l);
            } else if (v instanceof Double d) {
                gen.writeNumber(d);
            } else {
                gen.writeString(v.toString());
            }
        }
        gen.writeEndObject();
        gen.writeName("geometry");
        GeoJson.write(lonLat, gen, DECIMALS);
        gen.writeEndObject();
        gen.writeRaw("\n");
        count++;
    }

    long count() {
        return count;
    }

    @Override
    public void close() {
        gen.writeEndArray();
        gen.writeEndObject();
        gen.writeRaw("\n");
        gen.close();
    }
}
