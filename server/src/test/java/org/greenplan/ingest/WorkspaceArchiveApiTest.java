package org.greenplan.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Backup and move (issue 16): {@code GET …/workspaces/{ws}/export} writes a workspace as one GeoPackage and
 * {@code POST /api/v1/workspaces/import} restores it. A round trip gives the same features — source ids,
 * attributes and geometry compared byte for byte in PostGIS, in the same order — and the same indicators; moved
 * to where their ids are free (here: after the workspace was deleted) the features keep their ids, the layers
 * their versions and which one is current. A bad archive is refused naming {@code file} and leaves nothing.
 */
class WorkspaceArchiveApiTest extends ImportTestSupport {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String COPY = "t-arc-copy";
    private static final String MOVED = "t-arc-moved";
    private static final String BAD = "t-arc-bad";

    @AfterEach
    void cleanUp() {
        for (String ws : List.of(COPY, MOVED, BAD)) {
            send("DELETE", "/api/v1/workspaces/" + ws, ADMIN, null, null);
        }
    }

    @Test
    void theDemoTownCopiedFromItsArchiveHasTheSameFeaturesAndIndicators() throws IOException {
        assertThat(exportOf("demo", "", null).statusCode()).as("an export needs an admin").isEqualTo(401);
        assertThat(exportOf("demo", "", READER).statusCode()).isEqualTo(403);
        assertThat(exportOf("demo", "?versions=some", ADMIN).statusCode()).isEqualTo(400);
        Path archive = saved(exportOf("demo", "", ADMIN), "demo.gpkg");
        // an ordinary GeoPackage: GDAL lists the layers with their geometry types, and the manifest
        String listing = gdal("ogrinfo", "-ro", "-q", archive.toString());
        assertThat(listing).contains("greenplan_manifest", "(Multi Polygon)", "(Multi Line String)");

        Reply restored = multipart("/api/v1/workspaces/import", ADMIN, archive, "demo.gpkg", "id", COPY, "name", "副本");
        assertThat(restored.status()).as(restored.body()).isEqualTo(201);
        assertThat(restored.json().path("workspace").path("name").asString()).isEqualTo("副本");
        assertThat(restored.json().path("idsKept").asBoolean()).as("the demo's ids are taken by the demo").isFalse();
        List<String> layerIds = jdbc.queryForList("SELECT id FROM layer WHERE workspace_id = 'demo'"
                + " AND current_version_id IS NOT NULL ORDER BY id", String.class);
        assertThat(restored.json().path("layers").asInt()).isEqualTo(layerIds.size());
        for (String layer : layerIds) {
            assertThat(sameFeatures(currentVersion("demo", layer), currentVersion(COPY, layer))).as(layer).isTrue();
        }
        for (String indicator : List.of("park_service_coverage?mode=euclidean", "life_circle_coverage?mode=euclidean",
                "green_space_ratio", "park_area_per_capita", "greenway_density", "sponge_city_share")) {
            JsonNode a = get("/api/v1/workspaces/demo/indicators/" + indicator).json();
            JsonNode b = get("/api/v1/workspaces/" + COPY + "/indicators/" + indicator).json();
            assertThat(b.path("value").asDouble()).as(indicator).isEqualTo(a.path("value").asDouble());
            assertThat(b.path("denominator").asDouble()).as(indicator).isEqualTo(a.path("denominator").asDouble());
        }
        Reply again = multipart("/api/v1/workspaces/import", ADMIN, archive, "demo.gpkg", "id", COPY);
        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(again.json().path("field").asString()).isEqualTo("id");
        assertThat(multipart("/api/v1/workspaces/import", ANALYST, archive, "demo.gpkg", "id", BAD).status())
                .as("restoring needs an admin").isEqualTo(403);
    }

    @Test
    void aMovedWorkspaceKeepsItsIdsVersionsAndCurrentVersion() throws IOException {
        create(MOVED);
        assertThat(send("POST", "/api/v1/workspaces/" + MOVED + "/layers?name=parks&kind=park&id=parks", ADMIN,
                "application/geo+json", parks(120.0, 2)).status()).isEqualTo(201);
        Reply v2 = send("POST", "/api/v1/workspaces/" + MOVED + "/layers/parks/versions", ADMIN,
                "application/geo+json", parks(120.01, 3));
        assertThat(v2.status()).as(v2.body()).isIn(200, 201);
        List<String> itemIds = itemIds(MOVED);
        List<Object> versionsBefore = jdbc.queryForList("SELECT version || ' ' || feature_count || ' ' || created_at"
                + " FROM layer_version WHERE workspace_id = ? ORDER BY version", Object.class, MOVED);
        long v1Before = versionId(MOVED, 1);
        Path archive = saved(exportOf(MOVED, "?versions=all", ADMIN), "moved.gpkg");
        List<Object[]> rowsBefore = rows(MOVED);

        assertThat(send("DELETE", "/api/v1/workspaces/" + MOVED, ADMIN, null, null).status()).isEqualTo(204);
        Reply restored = multipart("/api/v1/workspaces/import", ADMIN, archive, "moved.gpkg");
        assertThat(restored.status()).as(restored.body()).isEqualTo(201);
        assertThat(restored.json().path("workspace").path("id").asString()).isEqualTo(MOVED);
        assertThat(restored.json().path("idsKept").asBoolean()).isTrue();
        assertThat(restored.json().path("versions").asInt()).isEqualTo(2);
        assertThat(itemIds(MOVED)).isEqualTo(itemIds);
        assertThat(jdbc.queryForList("SELECT version || ' ' || feature_count || ' ' || created_at FROM layer_version"
                + " WHERE workspace_id = ? ORDER BY version", Object.class, MOVED)).isEqualTo(versionsBefore);
        assertThat(versionId(MOVED, 1)).isNotEqualTo(v1Before);
        List<Object[]> rowsAfter = rows(MOVED);
        assertThat(rowsAfter).hasSameSizeAs(rowsBefore);
        for (int i = 0; i < rowsBefore.size(); i++) {
            assertThat(rowsAfter.get(i)).as("feature %d", i).isEqualTo(rowsBefore.get(i));
        }
        // a new feature after the restore gets an id none of the restored ones has
        Reply v3 = send("POST", "/api/v1/workspaces/" + MOVED + "/layers/parks/versions", ADMIN,
                "application/geo+json", parks(120.02, 1));
        assertThat(v3.status()).as(v3.body()).isIn(200, 201);
        assertThat(Long.parseLong(itemIds(MOVED).get(0))).isGreaterThan(
                itemIds.stream().mapToLong(Long::parseLong).max().orElseThrow());
    }

    @Test
    void aBadArchiveIsRefusedNamingTheFileAndLeavesNothing() throws IOException {
        Path notGpkg = write("x.gpkg", "{\"type\":\"FeatureCollection\",\"features\":[]}");
        assertFileRefused(multipart("/api/v1/workspaces/import", ADMIN, notGpkg, "x.gpkg", "id", BAD), "GeoPackage");
        Path plain = tmp.resolve("plain.gpkg");
        gdal("ogr2ogr", "-f", "GPKG", plain.toString(), write("p.geojson", parks(120.0, 1)).toString());
        assertFileRefused(multipart("/api/v1/workspaces/import", ADMIN, plain, "plain.gpkg", "id", BAD),
                "greenplan_manifest");

        // an archive whose second version's attributes were broken after the export: nothing of it may land
        create(MOVED);
        send("POST", "/api/v1/workspaces/" + MOVED + "/layers?name=parks&kind=park&id=parks", ADMIN,
                "application/geo+json", parks(120.0, 2));
        send("POST", "/api/v1/workspaces/" + MOVED + "/layers?name=more&kind=park&id=more", ADMIN,
                "application/geo+json", parks(120.1, 2));
        Path archive = saved(exportOf(MOVED, "", ADMIN), "broken.gpkg");
        gdal("ogrinfo", archive.toString(), "-sql", "UPDATE \"parks__v1\" SET properties = 'not json' WHERE fid = 2");
        long layersBefore = jdbc.queryForObject("SELECT count(*) FROM layer_version", Long.class);
        assertFileRefused(multipart("/api/v1/workspaces/import", ADMIN, archive, "broken.gpkg", "id", BAD), "parks__v1");
        assertThat(get("/api/v1/workspaces/" + BAD).status()).isEqualTo(404);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM layer WHERE workspace_id = ?", Long.class, BAD)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM layer_version", Long.class)).isEqualTo(layersBefore);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_tables WHERE schemaname = 'staging'"
                + " AND tablename LIKE 'arc\\_%'", Long.class)).as("scratch tables").isZero();
    }

    private void assertFileRefused(Reply r, String detail) {
        assertThat(r.status()).as(r.body()).isBetween(400, 422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().path("field").asString()).isEqualTo("file");
        assertThat(r.json().path("detail").asString()).contains(detail);
    }

    private void create(String ws) {
        Reply r = send("POST", "/api/v1/workspaces", ADMIN, "application/json",
                "{\"id\":\"" + ws + "\",\"name\":\"" + ws + "\",\"measuringSrid\":4549}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    /** {@code n} parks of 0.001° in a row from (lon, 30), with mixed attributes (text, integer, decimal, null). */
    private static String parks(double lon, int n) {
        List<String> features = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double x = lon + i * 0.002, d = 0.001;
            String ring = "[[%s,30],[%s,30],[%s,30.001],[%s,30.001],[%s,30]]".formatted(x, x + d, x + d, x, x);
            features.add("""
                    {"type":"Feature","id":"src-%d","properties":{"name":"公园 %d","area_m2":%d,"rate":0.1234567890123,
                     "note":null},"geometry":{"type":"Polygon","coordinates":[%s]}}""".formatted(i, i, 1000 + i, ring));
        }
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
    }

    private List<String> itemIds(String ws) {
        List<String> ids = new ArrayList<>();
        get("/w/" + ws + "/collections/parks/items").json().path("features").forEach(f -> ids.add(f.path("id").asString()));
        return ids;
    }

    private long versionId(String ws, int version) {
        return jdbc.queryForObject("SELECT id FROM layer_version WHERE workspace_id = ? AND version = ?", Long.class, ws,
                version);
    }

    private long currentVersion(String ws, String layer) {
        return jdbc.queryForObject("SELECT current_version_id FROM layer WHERE workspace_id = ? AND id = ?", Long.class,
                ws, layer);
    }

    /** Every feature of every version of the workspace: version, id, source id, attributes, WKB, in order. */
    private List<Object[]> rows(String ws) {
        return jdbc.query("""
                SELECT v.version, f.id, f.source_id, f.properties::text, ST_AsBinary(f.geom)
                  FROM feature f JOIN layer_version v ON v.id = f.version_id
                 WHERE v.workspace_id = ? ORDER BY v.version, f.id""", (rs, i) -> new Object[] {rs.getInt(1),
                        rs.getLong(2), rs.getString(3), rs.getString(4), rs.getBytes(5)}, ws);
    }

    /** The same features in the same order: source id, attributes and the geometry's bytes. */
    private boolean sameFeatures(long a, long b) {
        return jdbc.queryForObject("""
                WITH x AS (SELECT row_number() OVER (ORDER BY id) AS n, source_id, properties, ST_AsBinary(geom) AS g
                             FROM feature WHERE version_id = ?),
                     y AS (SELECT row_number() OVER (ORDER BY id) AS n, source_id, properties, ST_AsBinary(geom) AS g
                             FROM feature WHERE version_id = ?)
                SELECT (SELECT count(*) FROM x) = (SELECT count(*) FROM y) AND (SELECT count(*) FROM x) > 0
                   AND NOT EXISTS (SELECT * FROM x EXCEPT SELECT * FROM y)""", Boolean.class, a, b);
    }

    private HttpResponse<byte[]> exportOf(String ws, String query, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url("/api/v1/workspaces/" + ws + "/export" + query)));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path saved(HttpResponse<byte[]> r, String name) throws IOException {
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/geopackage+sqlite3");
        Path p = tmp.resolve(name);
        Files.write(p, r.body());
        return p;
    }
}
