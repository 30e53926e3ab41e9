package org.greenplan.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.greenplan.ServerTestSupport;
import org.greenplan.limits.Bulkheads;
import org.greenplan.limits.Bulkheads.Kind;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 12: a bounded number of expensive computations per kind. The bulkheads are saturated
 * deterministically by holding every slot from the test (as long-running computations would), then each kind
 * answers 503 with Retry-After and a problem naming the kind, while cached answers (a tile, an indicator
 * computed before) are still served.
 */
class BulkheadApiTest extends ServerTestSupport {

    private static final String ISOCHRONE = "{\"points\": [[119.959703, 30.399039]], \"layers\": [\"demo-road\"]}";
    private static final String SITE = """
            {"type":"Polygon","coordinates":[[[119.95,30.40],[119.951,30.40],[119.951,30.401],[119.95,30.40]]]}""";

    @Autowired
    Bulkheads bulkheads;

    private List<Bulkheads.Permit> holdAll(Kind... kinds) {
        List<Bulkheads.Permit> held = new ArrayList<>();
        for (Kind k : kinds) {
            for (int i = 0; i < bulkheads.limit(k); i++) {
                held.add(bulkheads.enter(k));
            }
        }
        return held;
    }

    private static void assertBusy(Reply r, String kind) {
        assertThat(r.status()).as(r.body().substring(0, Math.min(300, r.body().length()))).isEqualTo(503);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.headers().firstValue("Retry-After").orElseThrow()).matches("[1-9][0-9]*");
        assertThat(r.json().path("kind").asString()).isEqualTo(kind);
        assertThat(r.json().path("reason").asString()).contains(kind);
    }

    @Test
    void aSaturatedBulkheadAnswers503WhileCachedAnswersAreStillServed() {
        String tile = "/tiles/demo-park/14/13651/6743.png";
        assertThat(get(tile).status()).isEqualTo(200);
        String cachedIndicator = "/api/v1/indicators/park_area_per_capita?layers=demo-park,demo-residential";
        assertThat(get(cachedIndicator).status()).isEqualTo(200);

        List<Bulkheads.Permit> held = holdAll(Kind.ISOCHRONE, Kind.INDICATOR, Kind.CONTROL_LINE_CHECK, Kind.EXPORT);
        try {
            assertBusy(send("POST", "/api/v1/isochrones", null, "application/json", ISOCHRONE), "isochrone");
            assertBusy(get("/api/v1/indicators/park_area_per_capita?layers=demo-park,demo-residential"
                    + "&bbox=119.9,30.3,120.01,30.5"), "indicator");
            assertBusy(send("POST", "/api/v1/checks/control-lines", null, "application/geo+json", SITE),
                    "control-line-check");
            assertBusy(get("/api/v1/layers/demo-park/export?format=geojson"), "export");

            Reply cachedTile = get(tile);
            assertThat(cachedTile.status()).isEqualTo(200);
            assertThat(cachedTile.headers().firstValue("X-Tile-Cache")).contains("hit");
            assertThat(get(cachedIndicator).status()).isEqualTo(200);
        } finally {
            held.forEach(Bulkheads.Permit::close);
        }
        assertThat(send("POST", "/api/v1/isochrones", null, "application/json", ISOCHRONE).status()).isEqualTo(200);
        assertThat(bulkheads.running(Kind.ISOCHRONE)).isZero();
    }
}
