package org.greenplan.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.greenplan.ServerTestSupport;
import org.greenplan.geo.Feature;
import org.greenplan.geo.GeoJson;
import org.greenplan.kind.LayerKind;
import org.greenplan.network.TestNetworks;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;

/**
 * The population spread over residential parcels ({@link ResidentPopulation}) against the same rule written as
 * PostGIS SQL: per admin area, its population over its parcels' parts by floor area (footprint inside the part
 * × floors from floors / building_levels, else height ÷ 3, else 1) or, when no building gives floors, by land
 * area. On the three Chinese OSM extracts (Dayun: 4 residential areas, 139 buildings, 8 with building_levels;
 * Tsinghua: 6 and 521, 11; Xueyuanlu: 10 and 257, 6), each split into two made-up admin areas at the middle longitude of its residential land (30 000 and 20 000 people),
 * and on the demo town's 1085 parcels with their population removed and its six admin areas. Each parcel
 * within 0.1 % of the SQL figure (or 0.5 person).
 */
class ResidentPopulationPostgisTest extends ServerTestSupport {

    private static final String SQL = """
            WITH a AS (SELECT i AS aid, p AS pop, ST_Transform(ST_SetSRID(ST_GeomFromText(w), 4326), :epsg) AS g
                         FROM unnest(?::text[], ?::float8[]) WITH ORDINALITY AS t(w, p, i)),
                 r AS (SELECT i AS rid, ST_MakeValid(ST_Transform(ST_SetSRID(ST_GeomFromText(w), 4326), :epsg)) AS g
                         FROM unnest(?::text[]) WITH ORDINALITY AS t(w, i)),
                 b AS (SELECT ST_MakeValid(ST_Transform(ST_SetSRID(ST_GeomFromText(w), 4326), :epsg)) AS g,
                              coalesce(nullif(f, 'NaN'::float8), 1) AS floors
                         FROM unnest(?::text[], ?::float8[]) AS t(w, f)),
                 parts AS (SELECT r.rid, a.aid, a.pop, ST_Intersection(r.g, a.g) AS g
                             FROM r JOIN a ON ST_Intersects(r.g, a.g)),
                 w AS (SELECT p.rid, p.aid, p.pop, ST_Area(p.g) AS land,
                              coalesce((SELECT sum(ST_Area(ST_Intersection(b.g, p.g)) * b.floors) FROM b
                                         WHERE ST_Intersects(b.g, p.g)), 0) AS floor
                         FROM parts p),
                 t AS (SELECT aid, sum(land) AS land, sum(floor) AS floor FROM w GROUP BY aid)
            SELECT w.rid, sum(w.pop * CASE WHEN ? AND t.floor > 0 THEN w.floor / t.floor ELSE w.land / t.land END)
              FROM w JOIN t USING (aid) GROUP BY w.rid ORDER BY w.rid""";

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"shenzhen_longgang_dayun, 4547", "beijing_haidian_tsinghua, 4548",
            "beijing_haidian_xueyuanlu, 4548"})
    void realExtractsByFloorAreaMatchPostgis(String area, int epsg) throws IOException {
        Path data = TestNetworks.sharedData();
        Assumptions.assumeTrue(data != null && Files.isDirectory(data.resolve(area)), "shared OSM data not present");
        Path dir = data.resolve(area);
        List<Feature> parcels = TestNetworks.read(dir.resolve("residential.geojson"));
        List<Feature> buildings = TestNetworks.read(dir.resolve("buildings.geojson"));
        Envelope e = new Envelope();
        parcels.forEach(p -> e.expandToInclude(p.geometry().getEnvelopeInternal()));
        double mid = (e.getMinX() + e.getMaxX()) / 2; // the middle of the residential land: both areas hold some
        buildings.forEach(p -> e.expandToInclude(p.geometry().getEnvelopeInternal()));
        List<Feature> admin = List.of(
                new Feature("west", GeoJson.WGS84.toGeometry(new Envelope(e.getMinX() - 0.01, mid, e.getMinY() - 0.01, e.getMaxY() + 0.01)),
                        Map.of("code", "W", "population", 30_000)),
                new Feature("east", GeoJson.WGS84.toGeometry(new Envelope(mid, e.getMaxX() + 0.01, e.getMinY() - 0.01, e.getMaxY() + 0.01)),
                        Map.of("code", "E", "population", 20_000)));
        Result r = compare(admin, parcels, buildings, epsg);
        assertThat(r.source).isEqualTo(ResidentPopulation.FLOOR_AREA);
        assertThat(r.total).isCloseTo(50_000, within(1.0));
    }

    @Test
    void demoTownByLandAreaMatchesPostgis() throws IOException {
        Path demo = Path.of("gis-data/demo");
        List<Feature> parcels = new ArrayList<>();
        for (Feature f : TestNetworks.read(demo.resolve("residential.geojson"))) {
            Map<String, Object> attrs = new HashMap<>(f.attributes());
            attrs.remove("population");
            parcels.add(new Feature(f.id(), f.geometry(), attrs));
        }
        List<Feature> admin = TestNetworks.read(demo.resolve("admin_area.geojson"));
        Result r = compare(admin, parcels, List.of(), 4549);
        assertThat(r.source).isEqualTo(ResidentPopulation.LAND_AREA);
        double adminTotal = admin.stream().mapToDouble(a -> a.number("population").orElse(0)).sum();
        assertThat(r.total).isCloseTo(adminTotal, within(1.0));
    }

    private record Result(String source, double total) {
    }

    private Result compare(List<Feature> admin, List<Feature> parcels, List<Feature> buildings, int epsg) {
        Layers layers = Layers.builder().add(LayerKind.ADMIN_AREA, admin).add(LayerKind.RESIDENTIAL, parcels)
                .add(LayerKind.BUILDING, buildings).build();
        MetricFrame frame = MetricFrame.of(layers);
        assertThat(frame.epsg()).isEqualTo(epsg);
        List<Projected> projected = frame.polygons(parcels);
        ResidentPopulation engine = ResidentPopulation.of(frame, layers,
                new AdminAreas(frame.polygons(admin)), projected);

        List<Projected> bs = frame.polygons(buildings);
        String[] adminWkt = admin.stream().map(f -> f.geometry().toText()).toArray(String[]::new);
        Double[] adminPop = admin.stream().map(f -> f.number("population").orElse(0)).toArray(Double[]::new);
        String[] parcelWkt = projected.stream().map(p -> p.feature().geometry().toText()).toArray(String[]::new);
        String[] buildingWkt = bs.stream().map(b -> b.feature().geometry().toText()).toArray(String[]::new);
        Double[] floors = bs.stream().map(b -> ResidentPopulation.floors(b).orElse(Double.NaN)).toArray(Double[]::new);
        boolean byFloors = bs.stream().anyMatch(b -> ResidentPopulation.floors(b).isPresent());
        Map<Integer, Double> sql = new LinkedHashMap<>();
        jdbc.query(SQL.replace(":epsg", String.valueOf(epsg)), rs -> {
            sql.put(rs.getInt(1) - 1, rs.getDouble(2));
        }, adminWkt, adminPop, parcelWkt, buildingWkt, floors, byFloors);
        double total = 0;
        for (int i = 0; i < projected.size(); i++) {
            double mine = engine.parcels.get(i).population();
            double theirs = sql.getOrDefault(i, 0.0);
            assertThat(mine).as("parcel %s", projected.get(i).id()).isCloseTo(theirs, within(Math.max(0.5, 0.001 * theirs)));
            total += mine;
        }
        return new Result(engine.source, total);
    }
}
