package org.greenplan.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.greenplan.ServerTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** POST /api/v1/checks/control-lines on the demo town: overlaps against PostGIS, bad geometry, latency. */
class ControlLineCheckApiTest extends ServerTestSupport {

    static final String LINES = "layers=demo-ecological-red-line,demo-permanent-farmland,demo-town-development-boundary";

    /** A square of {@code side} metres (approximately) around the interior point of a feature of the layer. */
    private String squareIn(String layerId, double side) {
        double[] c = jdbc.queryForObject("""
                SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(f.geom) AS p FROM feature f
                  JOIN layer l ON l.current_version_id = f.version_id WHERE l.id = ? ORDER BY ST_Area(f.geom) DESC LIMIT 1) x""",
                (rs, i) -> new double[] {rs.getDouble(1), rs.getDouble(2)}, layerId);
        double dy = side / 2 / 111_000.0, dx = side / 2 / (111_000.0 * Math.cos(Math.toRadians(c[1])));
        return """
                {"type":"Feature","properties":{"name":"拟建项目"},"geometry":{"type":"Polygon","coordinates":[[[%f,%f],[%f,%f],[%f,%f],[%f,%f],[%f,%f]]]}}"""
                .formatted(c[0] - dx, c[1] - dy, c[0] + dx, c[1] - dy, c[0] + dx, c[1] + dy, c[0] - dx, c[1] + dy, c[0] - dx, c[1] - dy);
    }

    private Reply check(String body) {
        return send("POST", "/api/v1/checks/control-lines?" + LINES, null, "application/geo+json", body);
    }

    /** The same overlap computed in PostGIS, in the zone the API measured in. */
    private double sqlOverlap(String feature, String layerId, int epsg) {
        String geometry = JSON.readTree(feature).path("geometry").toString();
        return jdbc.queryForObject("""
                SELECT coalesce(ST_Area(ST_Intersection(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326), ?),
                       ST_Union(ST_Transform(f.geom, ?)))), 0)
                  FROM feature f JOIN layer l ON l.current_version_id = f.version_id WHERE l.id = ?""",
                Double.class, geometry, epsg, epsg, layerId);
    }

    @Test
    void aSiteOnTheRedLineConflictsAndTheOverlapsMatchPostgis() {
        String site = squareIn("demo-ecological-red-line", 300);
        Reply r = check(site);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode j = r.json();
        int epsg = j.path("measuredInEpsg").asInt();
        assertThat(epsg).isEqualTo(4549);
        assertThat(j.path("projectArea").asDouble()).isCloseTo(90_000, within(2_000.0));
        JsonNode red = IndicatorApiTest.find(j.path("conflicts"), "ecological_red_line", "line");
        assertThat(red.path("conflict").asBoolean()).isTrue();
        assertThat(red.path("overlapArea").asDouble()).isCloseTo(sqlOverlap(site, "demo-ecological-red-line", epsg),
                within(0.5));
        assertThat(red.path("shareOfProject").asDouble())
                .isCloseTo(red.path("overlapArea").asDouble() / j.path("projectArea").asDouble(), within(1e-9));
        assertThat(red.path("geometry").path("type").asString()).contains("Polygon");
        assertThat(red.path("layers").get(0).asString()).isEqualTo("demo-ecological-red-line");
        JsonNode farm = IndicatorApiTest.find(j.path("conflicts"), "permanent_farmland", "line");
        assertThat(farm.path("overlapArea").asDouble()).isCloseTo(sqlOverlap(site, "demo-permanent-farmland", epsg),
                within(0.5));
        JsonNode boundary = IndicatorApiTest.find(j.path("conflicts"), "town_development_boundary", "line");
        double inside = sqlOverlap(site, "demo-town-development-boundary", epsg);
        assertThat(boundary.path("overlapArea").asDouble()).isCloseTo(inside, within(0.5));
        assertThat(j.path("areaOutsideDevelopmentBoundary").asDouble())
                .isCloseTo(j.path("projectArea").asDouble() - inside, within(0.5));
        // the inside share is reported (PostGIS overlap ÷ area), so a site mostly outside never reads "inside"
        assertThat(j.path("insideDevelopmentBoundary").asBoolean()).isFalse();
        assertThat(j.path("shareInsideDevelopmentBoundary").asDouble())
                .isCloseTo(inside / j.path("projectArea").asDouble(), within(1e-5)).isLessThan(1.0);
        assertThat(j.path("compliant").asBoolean()).isFalse();
        assertThat(j.path("layersUsed").size()).isEqualTo(3);
    }

    @Test
    void aSmallSiteInsideTheDevelopmentBoundaryIsInside() {
        String site = squareIn("demo-town-development-boundary", 40);
        JsonNode j = check(site).json();
        boolean within = jdbc.queryForObject("""
                SELECT bool_or(ST_Within(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326), f.geom))
                  FROM feature f JOIN layer l ON l.current_version_id = f.version_id
                 WHERE l.id = 'demo-town-development-boundary'""", Boolean.class,
                JSON.readTree(site).path("geometry").toString());
        assertThat(within).isTrue();
        assertThat(j.path("insideDevelopmentBoundary").asBoolean()).isTrue();
        assertThat(j.path("shareInsideDevelopmentBoundary").asDouble()).isCloseTo(1.0, within(1e-9));
        assertThat(j.path("areaOutsideDevelopmentBoundary").asDouble()).isLessThan(0.01);
        assertThat(j.path("developmentBoundaryKnown").asBoolean()).isTrue();
        // a bare geometry works as well as a Feature
        Reply bare = check(JSON.readTree(site).path("geometry").toString());
        assertThat(bare.status()).isEqualTo(200);
        assertThat(bare.json().path("projectArea").asDouble()).isCloseTo(j.path("projectArea").asDouble(), within(1e-6));
    }

    @Test
    void badGeometryIs400NamingGeometry() {
        String[] bodies = {
            "not json at all",
            "[1,2,3]",
            """
            {"type":"Point","coordinates":[119.95,30.4]}""",
            """
            {"type":"Polygon","coordinates":[]}""",
            """
            {"type":"Polygon","coordinates":[[[119.94,30.39],[119.95,30.40],[119.95,30.39],[119.94,30.40],[119.94,30.39]]]}""",
            """
            {"type":"Polygon","coordinates":[[[219.94,30.39],[219.95,30.39],[219.95,30.40],[219.94,30.39]]]}""",
            """
            {"type":"Feature","properties":{},"geometry":null}""",
        };
        for (String body : bodies) {
            Reply r = check(body);
            assertThat(r.status()).as(body + " → " + r.body()).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().path("field").asString()).as(body).isEqualTo("geometry");
        }
        assertThat(check(bodies[4]).json().path("reason").asString()).contains("Self-intersection");
    }

    @Test
    void aFiftyHectareCheckAnswersWellUnderASecond() {
        String site = squareIn("demo-permanent-farmland", 707); // ≈ 50 ha
        check(site); // builds and caches the control-line index
        long[] ms = new long[30];
        for (int i = 0; i < ms.length; i++) {
            long t = System.nanoTime();
            assertThat(check(site).status()).isEqualTo(200);
            ms[i] = (System.nanoTime() - t) / 1_000_000;
        }
        Arrays.sort(ms);
        assertThat(ms[ms.length / 2]).as("median ms").isLessThan(500);
    }
}
