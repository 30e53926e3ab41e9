package org.greenplan.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.greenplan.ServerTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Residents beside land (issue 15 item 13) over real HTTP on the demo town: the coverage indicators' JSON
 * carries residents_covered / residents and populationSource, the per-area CSV the same two columns, and
 * each isochrone ring the residents inside it, checked against PostGIS (each parcel's population spread
 * evenly over its land, counted for the part inside the ring) within 0.5 % (the ring crosses the lon/lat
 * round trip and the GK zone the same way on both sides; the rest is rounding to whole residents).
 */
class ResidentsApiTest extends ServerTestSupport {

    private static final String CENTRE = "[119.9586712, 30.3999474]";

    private static final String RING_RESIDENTS = """
            WITH ring AS (SELECT ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326), 4549) AS g),
                 parcels AS (
                     SELECT ST_MakeValid(ST_Transform(f.geom, 4549)) AS g, (f.properties->>'population')::float8 AS pop
                       FROM feature f JOIN layer l ON f.version_id = l.current_version_id
                      WHERE l.workspace_id = 'demo' AND l.kind = 'residential')
            SELECT sum(p.pop * ST_Area(ST_Intersection(p.g, ring.g)) / ST_Area(p.g))
              FROM parcels p, ring WHERE ST_Intersects(p.g, ring.g) AND p.pop > 0""";

    @Test
    void isochroneRingsCarryTheResidentsInsideThem() {
        Reply r = send("POST", "/api/v1/isochrones", null, "application/json",
                "{\"points\": [" + CENTRE + "], \"layers\": [\"demo-road\", \"demo-facility\"]}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode fc = r.json();
        assertThat(fc.path("populationSource").asString()).isEqualTo("parcel");
        long last = 0;
        for (JsonNode ring : fc.path("features")) {
            long residents = ring.path("properties").path("residents").asLong();
            double sql = jdbc.queryForObject(RING_RESIDENTS, Double.class, ring.path("geometry").toString());
            assertThat((double) residents).as("ring %s vs PostGIS", ring.path("id").asString())
                    .isCloseTo(sql, within(Math.max(1, 0.005 * sql)));
            assertThat(residents).isGreaterThan(last);
            last = residents;
        }
        assertThat(last).isGreaterThan(1000);
    }

    @Test
    void coverageJsonAndCsvCarryResidentsBesideLand() {
        for (String id : List.of("park_service_coverage", "life_circle_coverage")) {
            JsonNode res = get("/api/v1/indicators/" + id + "?layers=demo-residential,demo-park,demo-admin-area,"
                    + "demo-built-up-area,demo-facility&mode=euclidean").json();
            JsonNode covered = measure(res, "residents_covered");
            JsonNode residents = measure(res, "residents");
            assertThat(residents.path("value").asDouble()).as(id).isGreaterThan(100_000);
            assertThat(covered.path("value").asDouble()).as(id).isBetween(0.0, residents.path("value").asDouble());
            assertThat(measure(res, "population_weighted").path("numerator").asDouble())
                    .isCloseTo(covered.path("value").asDouble(), within(1e-6));
            assertThat(res.path("parameters").path("populationSource").asString()).isEqualTo("parcel");

            Reply csv = get("/api/v1/indicators/" + id + "?layers=demo-residential,demo-park,demo-admin-area,"
                    + "demo-built-up-area,demo-facility&mode=euclidean&f=csv");
            String[] lines = new String(csv.body().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)
                    .replace("\uFEFF", "").split("\r\n");
            assertThat(lines[0]).endsWith(",residents_covered,residents");
            String[] total = lines[lines.length - 1].split(",");
            assertThat(total[1]).isEqualTo("total");
            assertThat(Double.parseDouble(total[total.length - 2])).isCloseTo(covered.path("value").asDouble(), within(0.01));
            assertThat(Double.parseDouble(total[total.length - 1])).isCloseTo(residents.path("value").asDouble(), within(0.01));
            // the admin areas' rows add up to the total
            double sum = 0;
            for (int i = 1; i < lines.length - 1; i++) {
                String[] cells = lines[i].split(",");
                sum += Double.parseDouble(cells[cells.length - 1]);
            }
            assertThat(sum).isCloseTo(residents.path("value").asDouble(), within(1.0));
        }
    }

    private static JsonNode measure(JsonNode res, String id) {
        for (JsonNode m : res.path("measures")) {
            if (m.path("id").asString().equals(id)) {
                return m;
            }
        }
        throw new AssertionError("no measure " + id + " in " + res.path("measures"));
    }
}
