package org.greenplan.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.greenplan.ServerTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * GET /api/v1/province on runs written as the batch job writes them (V34): the latest finished run over files,
 * its units ranked (more targets met first, then fewer gaps, then the code) with the unit's status and boundary;
 * an unfinished run and a workspace's run are never shown here.
 */
class ProvinceApiTest extends ServerTestSupport {

    long finished;

    @BeforeEach
    void runs() {
        jdbc.update("DELETE FROM batch_run");
        finished = run(null, true);
        // B: one met, one gap; A: both met; C: one met, one without a value
        unit(finished, "B", 95.0, 14.0);
        unit(finished, "A", 91.0, 12.0);
        unit(finished, "C", 99.0, null);
        long unfinished = run(null, false);
        unit(unfinished, "A", 10.0, 50.0);
        long workspaces = run("demo", true);
        unit(workspaces, "A", 10.0, 50.0);
    }

    private long run(String workspace, boolean done) {
        return jdbc.queryForObject("INSERT INTO batch_run (workspace_id, inputs, units_kind, target_set, target_year, "
                + "started_at, finished_at) VALUES (?, 'parks:abc', 'admin_area', 'zhejiang-beautiful-towns', 2025, "
                + "now(), CASE WHEN ? THEN now() END) RETURNING id", Long.class, workspace, done);
    }

    /** A square unit with park coverage (≥ 90 %) and development intensity (≤ 13 %). */
    private void unit(long run, String code, Double park, Double intensity) {
        jdbc.update("INSERT INTO batch_unit (run_id, code, name, level, geom) VALUES (?, ?, ?, 'town', "
                + "ST_MakeEnvelope(120, 30, 120.01, 30.01, 4326))", run, code, "镇" + code);
        row(run, code, "park_service_coverage", "euclidean", park, ">=", 90.0);
        row(run, code, "development_intensity", "", intensity, "<=", 13.0);
    }

    private void row(long run, String code, String indicator, String mode, Double value, String cmp, double target) {
        String status = value == null ? "no_data" : (cmp.equals(">=") ? value >= target : value <= target) ? "met" : "gap";
        jdbc.update("INSERT INTO batch_result (run_id, unit_code, indicator, mode, value, target_set, target_year, "
                + "target_comparator, target_value, status, computed_at) VALUES (?, ?, ?, ?, ?, "
                + "'zhejiang-beautiful-towns', 2025, ?, ?, ?, now())", run, code, indicator, mode, value, cmp, target,
                status);
    }

    @Test
    void theLatestFinishedRunRanksItsUnitsAgainstTheTargets() {
        Reply r = get("/api/v1/province");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode j = r.json();
        assertThat(j.path("run").path("id").asLong()).isEqualTo(finished);
        assertThat(j.path("run").path("targetSet").asString()).isEqualTo("zhejiang-beautiful-towns");
        JsonNode units = j.path("units");
        assertThat(units.size()).isEqualTo(3);
        String[][] want = {{"A", "met", "2"}, {"C", "no_data", "1"}, {"B", "gap", "1"}};
        for (int i = 0; i < want.length; i++) {
            JsonNode u = units.get(i);
            assertThat(u.path("rank").asInt()).isEqualTo(i + 1);
            assertThat(u.path("code").asString()).isEqualTo(want[i][0]);
            assertThat(u.path("status").asString()).isEqualTo(want[i][1]);
            assertThat(u.path("met").asInt()).isEqualTo(Integer.parseInt(want[i][2]));
            assertThat(u.path("geometry").path("type").asString()).isEqualTo("Polygon");
            assertThat(u.path("results").size()).isEqualTo(2);
        }
        JsonNode park = units.get(0).path("results").get(1);
        assertThat(park.path("indicator").asString()).isEqualTo("park_service_coverage");
        assertThat(park.path("value").asDouble()).isEqualTo(91.0);
        assertThat(park.path("target").asDouble()).isEqualTo(90.0);
        JsonNode noMode = units.get(0).path("results").get(0).path("mode");
        assertThat(noMode.isNull() || noMode.isMissingNode()).as("no mode: " + noMode).isTrue();
        assertThat(get("/api/v1/province?run=" + finished).json().path("run").path("id").asLong()).isEqualTo(finished);
    }

    @Test
    void aBadOrUnknownRunIsAProblem() {
        Reply bad = get("/api/v1/province?run=latest-ish");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.json().path("field").asString()).isEqualTo("run");
        assertThat(get("/api/v1/province?run=" + (finished + 1)).status()).as("unfinished").isEqualTo(404);
        assertThat(get("/api/v1/province?run=" + (finished + 2)).status()).as("a workspace's").isEqualTo(404);
        jdbc.update("DELETE FROM batch_run");
        assertThat(get("/api/v1/province").status()).isEqualTo(404);
    }
}
