package org.greenplan.network;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.greenplan.geo.Feature;
import org.greenplan.geo.GaussKrugerZone;
import org.greenplan.geo.GeoJsonFeature;
import org.greenplan.geo.GeoJsonFeatureReader;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import tools.jackson.databind.JsonNode;

/**
 * Hand-made test geometry: written in metres relative to (120°E, 30°N) and unprojected with zone 40, so
 * every test also runs the projection round trip the real data takes.
 */
public final class TestNetworks {

    static final GaussKrugerZone ZONE = GaussKrugerZone.of(40);
    static final double[] ORIGIN = ZONE.project(120, 30);
    private static final GeometryFactory GF = new GeometryFactory();
    private static int ids;

    private TestNetworks() {
    }

    /** A road through the given (x, y) metre offsets, with attributes as key, value pairs. */
    static Feature road(double[] xy, String... tags) {
        Coordinate[] cs = new Coordinate[xy.length / 2];
        for (int i = 0; i < cs.length; i++) {
            cs[i] = new Coordinate(ORIGIN[0] + xy[2 * i], ORIGIN[1] + xy[2 * i + 1]);
        }
        return feature(GF.createLineString(cs), tags);
    }

    static double[] xy(double... v) {
        return v;
    }

    static Feature point(double x, double y, String... tags) {
        return feature(GF.createPoint(new Coordinate(ORIGIN[0] + x, ORIGIN[1] + y)), tags);
    }

    /** An axis-parallel rectangle parcel. */
    static Feature rectangle(double x0, double y0, double x1, double y1, String... tags) {
        Coordinate[] cs = {c(x0, y0), c(x1, y0), c(x1, y1), c(x0, y1), c(x0, y0)};
        return feature(GF.createPolygon(cs), tags);
    }

    private static Coordinate c(double x, double y) {
        return new Coordinate(ORIGIN[0] + x, ORIGIN[1] + y);
    }

    private static Feature feature(Geometry metres, String... tags) {
        Map<String, Object> attrs = new HashMap<>();
        for (int i = 0; i + 1 < tags.length; i += 2) {
            attrs.put(tags[i], tags[i + 1]);
        }
        return new Feature("f" + ids++, ZONE.toLonLat(metres), attrs);
    }

    /** The node at a metre offset (within 1 cm), or -1. */
    static int nodeAt(WalkGraph g, double x, double y) {
        for (int n = 0; n < g.nodeCount(); n++) {
            if (Math.hypot(g.nodeCoordinate(n).x - ORIGIN[0] - x, g.nodeCoordinate(n).y - ORIGIN[1] - y) < 0.01) {
                return n;
            }
        }
        return -1;
    }

    static Snap snap(WalkGraph g, double x, double y) {
        return new EdgeSnapper(g).snap(ORIGIN[0] + x, ORIGIN[1] + y);
    }

    /** A square grid of streets, each street one 2-point line, so every junction comes from noding. */
    static List<Feature> grid(int blocks, double spacing) {
        List<Feature> roads = new ArrayList<>();
        double end = blocks * spacing;
        for (int i = 0; i <= blocks; i++) {
            roads.add(road(xy(0, i * spacing, end, i * spacing), "class", "branch"));
            roads.add(road(xy(i * spacing, 0, i * spacing, end), "class", "branch"));
        }
        return roads;
    }

    // ------------------------------------------------------------------ shared OSM extracts

    /** The layers the on-foot tests read of one area: the demo town, or an extract of ../shared/data. */
    record AreaLayers(List<Feature> roads, List<Feature> parks, List<Feature> facilities, List<Feature> parcels) {
    }

    /** {@code "demo"} (gis-data/demo) or an extract's folder name; the test is skipped when the extract is absent. */
    static AreaLayers areaLayers(String area) throws IOException {
        if (area.equals("demo")) {
            Path demo = Path.of("gis-data/demo");
            return new AreaLayers(read(demo.resolve("road.geojson")), read(demo.resolve("park.geojson")),
                    read(demo.resolve("facility.geojson")), read(demo.resolve("residential.geojson")));
        }
        Path data = sharedData();
        org.junit.jupiter.api.Assumptions.assumeTrue(data != null && Files.isDirectory(data.resolve(area)),
                "shared OSM data not present");
        Path dir = data.resolve(area);
        return new AreaLayers(read(dir.resolve("roads_walk.geojson")), read(dir.resolve("parks.geojson")),
                read(dir.resolve("facilities.geojson")), PgRoutingCrossCheckTest.parcelsOf(dir));
    }

    /** The shared data folder: -Dgreenplan.shared.data, else ../shared/data, else /work/shared/data; or null. */
    public static Path sharedData() {
        String prop = System.getProperty("greenplan.shared.data");
        for (String candidate : new String[] {prop, "../shared/data", "/work/shared/data"}) {
            if (candidate != null && Files.isDirectory(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        return null;
    }

    public static List<Feature> read(Path file) throws IOException {
        List<Feature> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file); GeoJsonFeatureReader r = new GeoJsonFeatureReader(in)) {
            while (r.hasNext()) {
                GeoJsonFeature f = r.next();
                if (f.geometry() == null) {
                    continue;
                }
                Map<String, Object> attrs = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> e : f.properties().properties()) {
                    JsonNode v = e.getValue();
                    attrs.put(e.getKey(), v.isNumber() ? v.numberValue() : v.isBoolean() ? v.booleanValue()
                            : v.isNull() ? null : v.asString());
                }
                out.add(new Feature(f.id() != null ? f.id() : String.valueOf(f.index()), f.geometry(), attrs));
            }
        }
        return out;
    }
}
