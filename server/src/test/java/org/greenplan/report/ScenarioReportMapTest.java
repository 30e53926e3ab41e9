package org.greenplan.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.greenplan.ServerTestSupport;
import org.greenplan.indicator.service.LayerUse;
import org.greenplan.kind.LayerKind;
import org.greenplan.tiles.TileService;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A scenario report's maps draw the scenario's layers (its tiles: baseline + edits), not the baseline's: on the demo
 * town's 规划方案 2025, the pixel under a park the plan adds is park-coloured on the scenario's map and blank on the
 * baseline's (only the park layer drawn, framed on that park; the pixel found by the web-mercator formulas).
 */
class ScenarioReportMapTest extends ServerTestSupport {

    @Autowired
    TileService tiles;

    @Test
    void theScenariosMapShowsTheParksItAdds() {
        long sc = -1;
        for (JsonNode s : get("/api/v1/workspaces/demo/scenarios").json()) {
            if (s.get("name").asString().equals("规划方案 2025")) {
                sc = s.get("id").asLong();
            }
        }
        assertThat(sc).as("the demo's plan").isPositive();
        JsonNode added = null;
        for (JsonNode f : get("/api/v1/workspaces/demo/scenarios/" + sc + "/diff").json().get("features")) {
            if (added == null && f.at("/properties/layer").asString().equals("demo-park")
                    && f.at("/properties/change").asString().equals("added")) {
                added = f;
            }
        }
        assertThat(added).as("a park the plan adds").isNotNull();
        String[] xy = jdbc.queryForObject("SELECT ST_X(p) || ' ' || ST_Y(p) FROM (SELECT ST_PointOnSurface("
                + "ST_GeomFromGeoJSON(?)) AS p) q", String.class, added.get("geometry").toString()).split(" ");
        double lon = Double.parseDouble(xy[0]);
        double lat = Double.parseDouble(xy[1]);
        int version = get("/api/v1/layers/demo-park").json().get("version").asInt();
        long versionId = jdbc.queryForObject("SELECT current_version_id FROM layer WHERE workspace_id = 'demo' "
                + "AND id = 'demo-park'", Long.class);
        List<LayerUse> parks = List.of(new LayerUse("demo-park", LayerKind.PARK, version, versionId));
        Envelope frame = new Envelope(lon - 0.002, lon + 0.002, lat - 0.002, lat + 0.002);

        ScopeMap.Base baseline = ScopeMap.base(tiles, "demo", null, frame, parks);
        ScopeMap.Base plan = ScopeMap.base(tiles, "demo", sc, frame, parks);
        assertThat(pixel(plan, lon, lat)).as("the added park, drawn").isNotEqualTo(0xFFFFFF);
        assertThat(pixel(baseline, lon, lat)).as("no park there in the baseline").isEqualTo(0xFFFFFF);
    }

    /** The RGB of the map pixel under (lon, lat), by the textbook web-mercator formulas. */
    private static int pixel(ScopeMap.Base map, double lon, double lat) {
        double n = 256.0 * (1 << map.z());
        double x = (lon + 180) / 360 * n - map.left();
        double phi = Math.toRadians(lat);
        double y = (1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2 * n - map.top();
        return map.image().getRGB((int) Math.floor(x), (int) Math.floor(y)) & 0xFFFFFF;
    }
}
