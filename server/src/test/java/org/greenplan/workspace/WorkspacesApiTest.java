package org.greenplan.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.greenplan.ServerTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The workspace API: create, read, change, delete (with its layers, versions and their tables, atomically); bad
 * input as problems naming the field; one layer id in two workspaces; each workspace's own OGC API at /w/{ws}/
 * and the root landing page linking the workspaces the caller may read.
 */
class WorkspacesApiTest extends ServerTestSupport {

    private static final String A = "t-ws-a";
    private static final String B = "t-ws-b";

    @AfterEach
    void cleanUp() {
        send("DELETE", "/api/v1/workspaces/" + A, ADMIN, null, null);
        send("DELETE", "/api/v1/workspaces/" + B, ADMIN, null, null);
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        assertProblem(create("Bad_Id", "x"), 400, "id");
        assertProblem(create("", "x"), 400, "id");
        assertThat(create(A, "Town A").status()).isEqualTo(201);
        assertProblem(create(A, "again"), 409, "id");
        assertProblem(send("PATCH", "/api/v1/workspaces/" + A, ADMIN, "application/json", "{\"measuringSrid\":4326}"),
                400, "measuringSrid");
        assertProblem(send("PATCH", "/api/v1/workspaces/" + A, ADMIN, "application/json", "{\"visibility\":\"secret\"}"),
                400, "visibility");
        Reply unknown = get("/api/v1/workspaces/nowhere/layers");
        assertProblem(unknown, 404, "ws");
        assertThat(unknown.json().path("detail").asString()).contains("nowhere");
        assertProblem(get("/w/nowhere/collections"), 404, "ws");
        assertProblem(send("DELETE", "/api/v1/workspaces/" + Workspace.DEFAULT_ID, ADMIN, null, null), 409, "ws");
        assertThat(send("POST", "/api/v1/workspaces", null, "application/json", "{\"id\":\"t-ws-x\",\"name\":\"x\"}")
                .status()).as("creating needs an admin").isEqualTo(401);
    }

    @Test
    void oneLayerIdInTwoWorkspacesAndEachWorkspacesOwnOgcApi() {
        assertThat(create(A, "Town A").status()).isEqualTo(201);
        assertThat(create(B, "Town B").status()).isEqualTo(201);
        assertThat(upload(A, "parks", 120.00, 30.00).status()).isEqualTo(201);
        Reply second = upload(B, "parks", 121.00, 31.00);
        assertThat(second.status()).as(second.body()).isEqualTo(201);
        assertThat(second.headers().firstValue("Location").orElseThrow()).endsWith("/w/" + B + "/collections/parks");
        assertThat(upload(B, "parks", 121.00, 31.00).status()).as("taken within B").isEqualTo(409);

        JsonNode a = get("/w/" + A + "/collections").json();
        assertThat(a.path("collections")).hasSize(1);
        assertThat(a.path("collections").get(0).path("extent").path("spatial").path("bbox").get(0).get(0).asDouble())
                .isEqualTo(120.0);
        JsonNode items = get("/w/" + B + "/collections/parks/items").json();
        assertThat(items.path("features").get(0).path("geometry").path("coordinates").get(0).get(0).get(0).get(0)
                .asDouble()).isEqualTo(121.0);
        assertThat(items.path("links").toString()).contains("/w/" + B + "/collections/parks/items");
        assertThat(get("/collections/parks").status()).as("not in the default workspace").isEqualTo(404);

        JsonNode landing = get("/w/" + A + "/", "Accept", "application/json").json();
        assertThat(landing.path("links").toString()).contains("/w/" + A + "/collections", "/w/" + A + "/conformance",
                "service-desc");
        assertThat(get("/w/" + A + "/conformance").json().path("conformsTo").toString()).contains("geojson");

        // the workspace's box, the map's start, the tiles
        JsonNode ws = get("/api/v1/workspaces/" + B).json();
        assertThat(ws.path("bbox").toString()).isEqualTo("[121.0,31.0,121.001,31.001]");
        assertThat(get("/api/v1/workspaces/" + B + "/map/config").json().path("bbox").toString())
                .isEqualTo("[121.0,31.0,121.001,31.001]");
        assertThat(get("/api/v1/workspaces/" + B + "/tiles/parks/15/27690/13330.png").status()).isEqualTo(200);
        assertThat(get("/api/v1/workspaces/" + B + "/layers").json().get(0).path("bbox").get(0).asDouble())
                .isEqualTo(121.0);
    }

    @Test
    void theRootListsTheWorkspacesTheCallerMayRead() {
        assertThat(create(A, "Town A").status()).isEqualTo(201);
        assertThat(ids(get("/", "Accept", "application/json").json().path("workspaces"))).contains(A, "demo");
        assertThat(ids(get("/api/v1/workspaces").json())).contains(A, "demo");
        Reply changed = send("PATCH", "/api/v1/workspaces/" + A, ADMIN, "application/json",
                "{\"visibility\":\"private\",\"name\":\"镇 A\"}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().path("name").asString()).isEqualTo("镇 A");
        assertThat(ids(get("/", "Accept", "application/json").json().path("workspaces"))).doesNotContain(A).contains("demo");
        assertThat(ids(get("/api/v1/workspaces").json())).doesNotContain(A);
        Reply asAdmin = send("GET", "/api/v1/workspaces", ADMIN, null, null);
        assertThat(ids(asAdmin.json())).contains(A);
    }

    @Test
    void deletingAWorkspaceRemovesItsLayersVersionsAndTables() {
        assertThat(create(A, "Town A").status()).isEqualTo(201);
        upload(A, "parks", 120.0, 30.0);
        upload(A, "more", 120.1, 30.1);
        List<Long> versions = jdbc.queryForList("SELECT id FROM layer_version WHERE workspace_id = ?", Long.class, A);
        assertThat(versions).hasSize(2);
        for (long v : versions) {
            assertThat(jdbc.queryForObject("SELECT to_regclass('features.v' || ?) IS NOT NULL", Boolean.class, v)).isTrue();
        }
        assertThat(send("DELETE", "/api/v1/workspaces/" + A, ADMIN, null, null).status()).isEqualTo(204);
        assertThat(get("/api/v1/workspaces/" + A).status()).isEqualTo(404);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM layer WHERE workspace_id = ?", Long.class, A)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM layer_version WHERE workspace_id = ?", Long.class, A)).isZero();
        for (long v : versions) {
            assertThat(jdbc.queryForObject("SELECT to_regclass('features.v' || ?) IS NULL", Boolean.class, v))
                    .as("table of version %d", v).isTrue();
        }
    }

    private Reply create(String id, String name) {
        return send("POST", "/api/v1/workspaces", ADMIN, "application/json",
                "{\"id\":\"" + id + "\",\"name\":\"" + name + "\"}");
    }

    /** A square park of 0.001° at (lon, lat). */
    private Reply upload(String ws, String id, double lon, double lat) {
        double d = 0.001;
        String ring = "[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]".formatted(lon, lat, lon + d, lat, lon + d, lat + d,
                lon, lat + d, lon, lat);
        return send("POST", "/api/v1/workspaces/" + ws + "/layers?name=" + id + "&kind=park&id=" + id, ADMIN,
                "application/geo+json", """
                {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"p"},
                 "geometry":{"type":"Polygon","coordinates":[%s]}}]}""".formatted(ring));
    }

    private static List<String> ids(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(w -> out.add(w.path("id").asString()));
        return out;
    }

    private static void assertProblem(Reply r, int status, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().path("field").asString()).as(r.body()).isEqualTo(field);
    }
}
