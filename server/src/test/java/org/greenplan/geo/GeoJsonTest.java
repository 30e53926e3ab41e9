package org.greenplan.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import tools.jackson.databind.json.JsonMapper;

class GeoJsonTest {

    private static final JsonMapper M = JsonMapper.builder().build();

    @Test
    void polygonWithHoleRoundTrips() {
        String json = "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[10,0],[10,10],[0,10],[0,0]],"
                + "[[2,2],[4,2],[4,4],[2,4],[2,2]]]}";
        Geometry g = GeoJson.read(M.readTree(json));
        assertThat(g.getArea()).isEqualTo(96.0);
        assertThat(g.getSRID()).isEqualTo(4326);
        assertThat(M.readTree(GeoJson.write(g, 7))).isEqualTo(M.readTree(json.replace("0,", "0.0,")
                .replace("0]", "0.0]").replace("2,", "2.0,").replace("2]", "2.0]").replace("4,", "4.0,")
                .replace("4]", "4.0]")));
    }

    @Test
    void dropsZAndRoundsToRequestedDecimals() {
        Geometry g = GeoJson.read(M.readTree("{\"type\":\"Point\",\"coordinates\":[120.123456789,30.987654321,12]}"));
        assertThat(GeoJson.write(g, 7)).isEqualTo("{\"type\":\"Point\",\"coordinates\":[120.1234568,30.9876543]}");
    }

    @Test
    void explainsWhatIsWrong() {
        assertThatThrownBy(() -> GeoJson.read(M.readTree("{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[0,0]]]}")))
                .hasMessageContaining("at least four positions");
        assertThatThrownBy(() -> GeoJson.read(M.readTree("{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,1]]]}")))
                .hasMessageContaining("must end where it starts");
        assertThatThrownBy(() -> GeoJson.read(M.readTree("{\"type\":\"Circle\",\"coordinates\":[0,0]}")))
                .hasMessageContaining("unknown geometry type 'Circle'");
        assertThatThrownBy(() -> GeoJson.read(M.readTree("{\"type\":\"Point\",\"coordinates\":[\"a\",0]}")))
                .hasMessageContaining("not numeric");
    }

    @Test
    void streamsFeaturesWithIndexesAndSkipsOtherMembers() {
        String doc = "{\"name\":\"x\",\"crs\":{\"type\":\"name\"},\"type\":\"FeatureCollection\",\"features\":["
                + "{\"type\":\"Feature\",\"id\":7,\"properties\":{\"名称\":\"生态保护红线\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}},"
                + "{\"type\":\"Feature\",\"properties\":null,\"geometry\":null},"
                + "{\"type\":\"Feature\",\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[1]]}}]}";
        List<Object> seen = new ArrayList<>();
        try (GeoJsonFeatureReader r = new GeoJsonFeatureReader(new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)))) {
            GeoJsonFeature f0 = r.next();
            assertThat(f0.id()).isEqualTo("7");
            assertThat(f0.properties().get("名称").asString()).isEqualTo("生态保护红线");
            GeoJsonFeature f1 = r.next();
            assertThat(f1.geometry()).isNull();
            assertThat(f1.properties().isEmpty()).isTrue();
            assertThatThrownBy(r::next).hasMessageStartingWith("feature 2: ");
            assertThat(r.hasNext()).isFalse();
        }
    }

    @Test
    void rejectsDocumentsThatAreNotFeatureCollections() {
        assertThatThrownBy(() -> new GeoJsonFeatureReader(new ByteArrayInputStream("{not json".getBytes())))
                .isInstanceOf(GeoJsonException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> new GeoJsonFeatureReader(new ByteArrayInputStream("{\"type\":\"Feature\"}".getBytes())))
                .hasMessageContaining("expected \"type\": \"FeatureCollection\"");
    }
}
