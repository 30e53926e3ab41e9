package org.greenplan.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.greenplan.geo.GeoJsonFeature;
import org.greenplan.geo.GeoJsonFeatureReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** The written files: byte-stable, RFC 7946, with the property names the engines read. */
class DemoTownGeneratorTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** Required properties per kind, as the server's importers and indicator engines expect them. */
    private static final Map<Layer, List<String>> REQUIRED = Map.ofEntries(
            Map.entry(Layer.ADMIN_AREA, List.of("name", "code", "population")),
            Map.entry(Layer.BUILT_UP_AREA, List.of("name")),
            Map.entry(Layer.TOWN_DEVELOPMENT_BOUNDARY, List.of("name")),
            Map.entry(Layer.ECOLOGICAL_RED_LINE, List.of("name", "type")),
            Map.entry(Layer.PERMANENT_FARMLAND, List.of("name", "grade")),
            Map.entry(Layer.RESIDENTIAL, List.of("name", "population", "households", "land_use_code")),
            Map.entry(Layer.PARK, List.of("name", "class", "area_m2")),
            Map.entry(Layer.GREEN_SPACE, List.of("name", "type")),
            Map.entry(Layer.GREENWAY, List.of("name", "level")),
            Map.entry(Layer.SPONGE_ZONE, List.of("name", "runoff_control_rate")),
            Map.entry(Layer.FACILITY, List.of("name", "category")),
            Map.entry(Layer.ROAD, List.of("name", "class", "layer")),
            Map.entry(Layer.CONSTRUCTION_LAND, List.of("land_use")));

    @Test
    void sameSeedGivesIdenticalBytesAndAnotherSeedAnotherTown(@TempDir Path again, @TempDir Path other) throws IOException {
        Path first = DemoTownFixture.files();
        DemoTownGenerator.generate(again, 42, 1, false);
        DemoTownGenerator.generate(other, 7, 1, false);
        for (Layer l : Layer.values()) {
            assertThat(Files.readAllBytes(again.resolve(l.file()))).as(l.file()).isEqualTo(Files.readAllBytes(first.resolve(l.file())));
        }
        assertThat(Files.readAllBytes(again.resolve("layers.json"))).isEqualTo(Files.readAllBytes(first.resolve("layers.json")));
        assertThat(Files.readAllBytes(other.resolve("road.geojson"))).isNotEqualTo(Files.readAllBytes(first.resolve("road.geojson")));
    }

    @Test
    void manifestListsEveryLayerWithItsIdAndFile() throws IOException {
        Path dir = DemoTownFixture.files();
        JsonNode m = JSON.readTree(dir.resolve("layers.json").toFile());
        assertThat(m.path("name").asString()).isEqualTo("示范镇 (Demo Town)");
        assertThat(m.path("seed").asLong()).isEqualTo(42);
        assertThat(m.path("scale").asInt()).isEqualTo(1);
        assertThat(m.path("centre").get(0).asDouble()).isEqualTo(119.95);
        assertThat(m.path("centre").get(1).asDouble()).isEqualTo(30.40);
        JsonNode layers = m.path("layers");
        assertThat(layers.size()).isEqualTo(13);
        Set<String> kinds = new HashSet<>();
        for (JsonNode l : layers) {
            String kind = l.path("kind").asString();
            kinds.add(kind);
            assertThat(l.path("id").asString()).isEqualTo("demo-" + kind.replace('_', '-'));
            assertThat(l.path("file").asString()).isEqualTo(kind + ".geojson");
            assertThat(l.path("name").asString()).isNotBlank();
            assertThat(dir.resolve(l.path("file").asString())).isRegularFile();
        }
        assertThat(kinds).contains("admin_area", "road", "park", "facility", "residential", "construction_land");
    }

    /**
     * The park layer's history: its 2020 file (published as version 1) is today's parks, byte for byte the same
     * features under the same ids, without the 游园 and 口袋公园 of the pocket-park programme (32 of 46 in the
     * committed demo, counted by hand from park.geojson's classes: 30 社区公园 + 2 综合公园).
     */
    @Test
    void theParksOf2020AreTodaysWithoutThePocketParkProgramme() throws IOException {
        Path dir = DemoTownFixture.files();
        JsonNode park = null;
        for (JsonNode l : JSON.readTree(dir.resolve("layers.json").toFile()).path("layers")) {
            if (l.path("kind").asString().equals("park")) {
                park = l;
            }
            if (!l.path("kind").asString().equals("park")) {
                assertThat(l.has("earlier")).as(l.path("id").asString()).isFalse();
            }
        }
        assertThat(park.path("earlier").size()).isEqualTo(1);
        assertThat(park.path("earlier").get(0).path("file").asString()).isEqualTo("park_2020.geojson");
        JsonNode today = JSON.readTree(dir.resolve("park.geojson").toFile()).path("features");
        JsonNode before = JSON.readTree(dir.resolve("park_2020.geojson").toFile()).path("features");
        List<JsonNode> kept = new java.util.ArrayList<>();
        today.forEach(f -> {
            String c = f.at("/properties/class").asString();
            if (!c.equals("游园") && !c.equals("口袋公园")) {
                kept.add(f);
            }
        });
        assertThat(today.size()).isEqualTo(46);
        assertThat(before.size()).isEqualTo(32);
        assertThat(before.valueStream().toList()).isEqualTo(kept);
    }

    @Test
    void everyFileIsAnRfc7946CollectionOfValidLonLatFeatures() throws IOException {
        Path dir = DemoTownFixture.files();
        Pattern tooPrecise = Pattern.compile("\\d\\.\\d{8,}");
        for (Layer l : Layer.values()) {
            String text = Files.readString(dir.resolve(l.file()));
            JsonNode doc = JSON.readTree(text);
            assertThat(doc.path("type").asString()).isEqualTo("FeatureCollection");
            assertThat(doc.has("crs")).as(l + " has no crs member").isFalse();
            Matcher m = tooPrecise.matcher(text);
            assertThat(m.find()).as(l + " numbers have at most 7 decimals").isFalse();
            Set<String> ids = new HashSet<>();
            int n = 0;
            try (InputStream in = Files.newInputStream(dir.resolve(l.file()));
                    GeoJsonFeatureReader reader = new GeoJsonFeatureReader(in)) {
                while (reader.hasNext()) {
                    GeoJsonFeature f = reader.next();
                    n++;
                    assertThat(f.id()).isNotBlank();
                    assertThat(ids.add(f.id())).as("unique id " + f.id()).isTrue();
                    Geometry g = f.geometry();
                    assertThat(g).isNotNull();
                    assertThat(g.isEmpty()).as(f.id()).isFalse();
                    assertThat(g.isValid()).as(f.id() + " valid").isTrue();
                    assertThat(g.getGeometryType()).as(f.id()).isIn(expectedTypes(l));
                    assertThat(g.getEnvelopeInternal().getMinX()).isGreaterThan(119.85);
                    assertThat(g.getEnvelopeInternal().getMaxX()).isLessThan(120.05);
                    assertThat(g.getEnvelopeInternal().getMinY()).isGreaterThan(30.35);
                    assertThat(g.getEnvelopeInternal().getMaxY()).isLessThan(30.45);
                    for (String key : REQUIRED.get(l)) {
                        assertThat(f.properties().has(key)).as(f.id() + " has " + key).isTrue();
                    }
                }
            }
            assertThat(n).as(l + " feature count").isPositive();
        }
    }

    private static List<String> expectedTypes(Layer l) {
        return switch (l) {
            case FACILITY -> List.of("Point");
            case ROAD -> List.of("LineString");
            case GREENWAY -> List.of("LineString", "MultiLineString");
            default -> List.of("MultiPolygon");
        };
    }

    @Test
    void roadsCarryOsmLikeAttributes() throws IOException {
        Path dir = DemoTownFixture.files();
        int bridges = 0;
        try (InputStream in = Files.newInputStream(dir.resolve("road.geojson"));
                GeoJsonFeatureReader reader = new GeoJsonFeatureReader(in)) {
            while (reader.hasNext()) {
                GeoJsonFeature f = reader.next();
                assertThat(f.properties().path("layer").isInt()).isTrue();
                assertThat(f.properties().path("class").asString()).isIn("primary", "secondary", "branch", "footway", "path");
                if (f.properties().has("bridge")) {
                    assertThat(f.properties().path("bridge").asString()).isEqualTo("yes");
                    bridges++;
                }
            }
        }
        assertThat(bridges).isGreaterThanOrEqualTo(2);
    }
}
