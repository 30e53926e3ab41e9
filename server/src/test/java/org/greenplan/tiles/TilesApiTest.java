package org.greenplan.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.greenplan.ServerTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The tile endpoints over real HTTP against the real PostGIS: a park layer laid out as a 5 × 5 grid of
 * 0.002° squares 0.004° apart, so which squares touch a tile and where their pixels fall can be worked
 * out by hand with the web-mercator formulas.
 */
class TilesApiTest extends ServerTestSupport {

    @Autowired
    TileOverviews overviews;

    private static final String LAYER = "t-tiles-grid";
    private static final double LON0 = 119.800;
    private static final double LAT0 = 30.200;
    private static final double SIZE = 0.002;
    private static final double STEP = 0.004;
    private static final int Z = 15;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    record Bytes(int status, byte[] body, java.net.http.HttpHeaders headers) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private Bytes fetch(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Bytes(r.statusCode(), r.body(), r.headers());
    }

    private static String grid(int skipI, int skipJ) {
        List<String> features = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                if (i == skipI && j == skipJ) {
                    continue;
                }
                double x = LON0 + i * STEP;
                double y = LAT0 + j * STEP;
                features.add("""
                        {"type":"Feature","properties":{"name":"格网公园 %d-%d","class":"社区公园"},"geometry":{"type":"Polygon",
                         "coordinates":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}}""".formatted(i, j,
                        x, y, x + SIZE, y, x + SIZE, y + SIZE, x, y + SIZE, x, y));
            }
        }
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
    }

    @BeforeEach
    void layer() {
        if (jdbc.queryForObject("SELECT count(*) FROM layer WHERE id = ?", Long.class, LAYER) == 0) {
            Reply r = send("POST", "/api/v1/layers?name=格网公园&kind=park&id=" + LAYER, ADMIN, "application/geo+json",
                    grid(-1, -1));
            assertThat(r.status()).as(r.body()).isEqualTo(201);
        }
    }

    // web mercator, by the textbook formulas (independent of PostGIS)
    static double tileX(double lon, int z) {
        return (lon + 180) / 360 * (1 << z);
    }

    static double tileY(double lat, int z) {
        double phi = Math.toRadians(lat);
        return (1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2 * (1 << z);
    }

    static double lon(double tileX, int z) {
        return tileX / (1 << z) * 360 - 180;
    }

    static double lat(double tileY, int z) {
        return Math.toDegrees(Math.atan(Math.sinh(Math.PI * (1 - 2 * tileY / (1 << z)))));
    }

    /** The tile holding the centre of square (2,2), the middle of the grid. */
    private static int[] centreTile() {
        double lon = LON0 + 2 * STEP + SIZE / 2;
        double lat = LAT0 + 2 * STEP + SIZE / 2;
        return new int[] {(int) Math.floor(tileX(lon, Z)), (int) Math.floor(tileY(lat, Z))};
    }

    @Test
    void vectorTileHoldsTheFeaturesThatTouchTheTileWithIdsAndNames() throws Exception {
        int[] t = centreTile();
        Bytes r = fetch("/tiles/" + LAYER + "/" + Z + "/" + t[0] + "/" + t[1] + ".mvt");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("application/vnd.mapbox-vector-tile");

        List<VectorTileReader.Layer> layers = VectorTileReader.read(r.body());
        assertThat(layers).extracting(VectorTileReader.Layer::name).containsExactly(LAYER);
        VectorTileReader.Layer layer = layers.get(0);
        assertThat(layer.extent()).isEqualTo(4096);

        // by hand: squares whose box meets the tile grown by the 256/4096 buffer on every side
        double m = 256 / 4096.0;
        double west = lon(t[0] - m, Z);
        double east = lon(t[0] + 1 + m, Z);
        double north = lat(t[1] - m, Z);
        double south = lat(t[1] + 1 + m, Z);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                double x = LON0 + i * STEP;
                double y = LAT0 + j * STEP;
                if (x < east && x + SIZE > west && y < north && y + SIZE > south) {
                    expected.add("格网公园 " + i + "-" + j);
                }
            }
        }
        // and independently in SQL, on the layer's current version
        long sqlCount = jdbc.queryForObject("""
                SELECT count(*) FROM feature f JOIN layer l ON l.current_version_id = f.version_id
                 WHERE l.id = ? AND ST_Intersects(f.geom, ST_Transform(ST_TileEnvelope(?, ?, ?, margin => 0.0625), 4326))
                """, Long.class, LAYER, Z, t[0], t[1]);
        assertThat(expected).as("the tile must cut the grid for this test to mean something").hasSizeBetween(2, 24);
        assertThat(layer.features()).hasSize((int) sqlCount).hasSize(expected.size());
        assertThat(layer.features().stream().map(f -> (String) f.properties().get("name")).toList())
                .containsExactlyInAnyOrderElementsOf(expected);

        // a known feature arrives with its database id (as MVT id and as property), name and class
        Map<String, Long> ids = jdbc.query("""
                SELECT f.id, f.properties->>'name' AS name FROM feature f JOIN layer l ON l.current_version_id = f.version_id
                 WHERE l.id = ?""", rs -> {
            Map<String, Long> out = new java.util.HashMap<>();
            while (rs.next()) {
                out.put(rs.getString("name"), rs.getLong("id"));
            }
            return out;
        }, LAYER);
        VectorTileReader.Feature middle = layer.features().stream()
                .filter(f -> "格网公园 2-2".equals(f.properties().get("name"))).findFirst().orElseThrow();
        assertThat(middle.id()).isEqualTo(ids.get("格网公园 2-2"));
        assertThat(((Number) middle.properties().get("id")).longValue()).isEqualTo(ids.get("格网公园 2-2"));
        assertThat(middle.properties()).containsEntry("class", "社区公园");
        assertThat(middle.type()).as("MVT geometry type 3 = polygon").isEqualTo(3);

        // Features under one pixel both ways are left out (TileRepository). A 0.002° square is, by hand,
        // 0.002 / (360 / 2^z / 256) = 0.746 px across at z 9 and 1.49 px at z 10 (down: × 1/cos 30.2° = 1.157,
        // 0.86 px and 1.73 px). So the z 9 tile (below z 10 the query projects every vertex exactly) has none of
        // the 25 squares, the z 10 tile all of them.
        for (int z : new int[] {9, 10}) {
            int tx = (int) Math.floor(tileX(LON0, z));
            int ty = (int) Math.floor(tileY(LAT0, z));
            assertThat((int) Math.floor(tileX(LON0 + 4 * STEP + SIZE, z))).isEqualTo(tx);
            assertThat((int) Math.floor(tileY(LAT0 + 4 * STEP + SIZE, z))).as("the grid lies in one tile").isEqualTo(ty);
            Bytes low = fetch("/tiles/" + LAYER + "/" + z + "/" + tx + "/" + ty + ".mvt");
            if (z == 9) {
                assertThat(low.status()).as("sub-pixel squares at z 9").isEqualTo(204);
            } else {
                assertThat(low.status()).isEqualTo(200);
                VectorTileReader.Layer z10 = VectorTileReader.read(low.body()).get(0);
                assertThat(z10.features()).hasSize(25);
                // below z 13 a feature carries its id as MVT id and no attributes
                assertThat(z10.features()).extracting(VectorTileReader.Feature::id)
                        .containsExactlyInAnyOrderElementsOf(ids.values());
                assertThat(z10.features()).allSatisfy(f -> assertThat(f.properties()).isEmpty());
            }
        }
    }

    @Test
    void pngTileDrawsTheParkStyleAndLeavesTheRestTransparent() throws Exception {
        int[] t = centreTile();
        Bytes r = fetch("/tiles/" + LAYER + "/" + Z + "/" + t[0] + "/" + t[1] + ".png");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("image/png");
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(r.body()));
        assertThat(img.getWidth()).isEqualTo(256);
        assertThat(img.getHeight()).isEqualTo(256);

        // inside square (2,2): the park kind's fill #43a047 at opacity 0.7 (alpha 178.5), ±3 per channel
        int[] inside = pixel(t, LON0 + 2 * STEP + SIZE / 2, LAT0 + 2 * STEP + SIZE / 2);
        int argb = img.getRGB(inside[0], inside[1]);
        assertThat((argb >>> 24) & 255).isCloseTo(179, within(3));
        assertThat((argb >> 16) & 255).isCloseTo(0x43, within(3));
        assertThat((argb >> 8) & 255).isCloseTo(0xa0, within(3));
        assertThat(argb & 255).isCloseTo(0x47, within(3));

        // the middle of the gap between square (2,2) and its diagonal neighbour towards the tile's centre:
        // 0.001° ≈ 23 px at z 15 from any square edge
        double cx = LON0 + 2 * STEP + SIZE / 2;
        double cy = LAT0 + 2 * STEP + SIZE / 2;
        double sx = inside[0] < 128 ? 1 : -1;
        double sy = inside[1] < 128 ? -1 : 1; // pixel rows grow southwards
        int[] gap = pixel(t, cx + sx * STEP / 2, cy + sy * STEP / 2);
        assertThat(gap[0]).isBetween(0, 255);
        assertThat(gap[1]).isBetween(0, 255);
        assertThat((img.getRGB(gap[0], gap[1]) >>> 24) & 255).as("alpha in the gap").isZero();

        // a tile far from the grid is a transparent PNG, not an error
        Bytes empty = fetch("/tiles/" + LAYER + "/" + Z + "/" + (t[0] - 40) + "/" + t[1] + ".png");
        assertThat(empty.status()).isEqualTo(200);
        BufferedImage blank = ImageIO.read(new ByteArrayInputStream(empty.body()));
        assertThat((blank.getRGB(128, 128) >>> 24) & 255).isZero();
        assertThat(fetch("/tiles/" + LAYER + "/" + Z + "/" + (t[0] - 40) + "/" + t[1] + ".mvt").status()).isEqualTo(204);
    }

    @Test
    void pngTileKeepsHolesOpen() throws Exception {
        // a 0.006° square park around a 0.002° pond (the hole), far from the grid, inside one z 15 tile
        int[] t = {(int) Math.floor(tileX(119.70, Z)), (int) Math.floor(tileY(30.30, Z))};
        double x = lon(t[0], Z) + 0.002;
        double y = lat(t[1] + 1, Z) + 0.001;
        String layer = "t-tiles-ring";
        Reply r = send("POST", "/api/v1/layers?name=环形公园&kind=park&id=" + layer, ADMIN, "application/geo+json", """
                {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"环形公园"},"geometry":{"type":"Polygon",
                 "coordinates":[[[%1$s,%2$s],[%3$s,%2$s],[%3$s,%4$s],[%1$s,%4$s],[%1$s,%2$s]],
                                [[%5$s,%6$s],[%5$s,%8$s],[%7$s,%8$s],[%7$s,%6$s],[%5$s,%6$s]]]}}]}
                """.formatted(x, y, x + 0.006, y + 0.006, x + 0.002, y + 0.002, x + 0.004, y + 0.004));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        double cx = x + 0.003;
        double cy = y + 0.003;
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(
                fetch("/tiles/" + layer + "/" + Z + "/" + t[0] + "/" + t[1] + ".png").body()));
        int[] pond = pixel(t, cx, cy);
        int[] ring = pixel(t, x + 0.001, cy);
        assertThat((img.getRGB(pond[0], pond[1]) >>> 24) & 255).as("alpha in the hole").isZero();
        assertThat((img.getRGB(ring[0], ring[1]) >>> 24) & 255).as("alpha on the ring").isCloseTo(179, within(3));
    }

    private static int[] pixel(int[] tile, double lon, double lat) {
        return new int[] {(int) Math.floor((tileX(lon, Z) - tile[0]) * 256), (int) Math.floor((tileY(lat, Z) - tile[1]) * 256)};
    }

    @Test
    void secondRequestIsACacheHitAndANewVersionChangesTheTile() throws Exception {
        String layer = "t-tiles-versions";
        Reply created = send("POST", "/api/v1/layers?name=版本公园&kind=park&id=" + layer, ADMIN, "application/geo+json",
                grid(-1, -1));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        // the new version's overviews, built in the background, drop its tiles once ready: not between our two asks
        assertThat(overviews.awaitIdle(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        int[] t = centreTile();
        String path = "/tiles/" + layer + "/" + Z + "/" + t[0] + "/" + t[1] + ".png";
        long hitsBefore = get("/tiles/cache").json().path("hits").asLong();

        Bytes first = fetch(path);
        Bytes second = fetch(path);
        assertThat(first.header("X-Tile-Cache")).isEqualTo("miss");
        assertThat(second.header("X-Tile-Cache")).isEqualTo("hit");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(get("/tiles/cache").json().path("hits").asLong()).isGreaterThanOrEqualTo(hitsBefore + 1);
        assertThat(first.header("Cache-Control")).contains("max-age=30").doesNotContain("immutable");
        String etag = first.header("ETag");
        assertThat(etag).contains("-v1-");
        assertThat(fetch(path, "If-None-Match", etag).status()).isEqualTo(304);

        // version 2 drops the middle square: new ETag, and its pixels are now transparent
        Reply v2 = send("POST", "/api/v1/layers/" + layer + "/versions", ADMIN, "application/geo+json", grid(2, 2));
        assertThat(v2.status()).as(v2.body()).isIn(200, 201);
        Bytes after = fetch(path);
        assertThat(after.header("X-Tile-Cache")).isEqualTo("miss");
        assertThat(after.header("ETag")).isNotEqualTo(etag).contains("-v2-");
        assertThat(fetch(path, "If-None-Match", etag).status()).isEqualTo(200);
        int[] inside = pixel(t, LON0 + 2 * STEP + SIZE / 2, LAT0 + 2 * STEP + SIZE / 2);
        BufferedImage now = ImageIO.read(new ByteArrayInputStream(after.body()));
        assertThat((now.getRGB(inside[0], inside[1]) >>> 24) & 255).isZero();

        // version 1 by number still draws the square, and may be cached for good
        Bytes pinned = fetch(path + "?version=1");
        assertThat(pinned.body()).isEqualTo(first.body());
        assertThat(pinned.header("Cache-Control")).contains("immutable");
        assertThat(pinned.header("ETag")).isEqualTo(etag);

        // vector tiles follow the version too
        Bytes mvt = fetch("/tiles/" + layer + "/" + Z + "/" + t[0] + "/" + t[1] + ".mvt");
        assertThat(VectorTileReader.read(mvt.body()).get(0).features().stream()
                .map(f -> f.properties().get("name")).collect(Collectors.toSet())).doesNotContain("格网公园 2-2");

        // deleted: gone at once, though its version was just served; re-created under the same id: a new ETag
        assertThat(send("DELETE", "/api/v1/layers/" + layer, ADMIN, null, null).status()).isEqualTo(204);
        assertThat(fetch(path).status()).isEqualTo(404);
        assertThat(fetch(path + "?version=1").status()).isEqualTo(404);
        Reply again = send("POST", "/api/v1/layers?name=版本公园&kind=park&id=" + layer, ADMIN, "application/geo+json",
                grid(-1, -1));
        assertThat(again.status()).as(again.body()).isEqualTo(201);
        Bytes reborn = fetch(path);
        assertThat(reborn.header("X-Tile-Cache")).isEqualTo("miss");
        assertThat(reborn.header("ETag")).contains("-v1-").isNotEqualTo(etag);
    }

    @Test
    void concurrentRequestsForTheSameUncachedTileMakeItOnce() throws Exception {
        // a z 14 tile of the grid, asked nowhere else: 12 clients released together by one latch
        int z = 14;
        String path = "/tiles/" + LAYER + "/" + z + "/" + (int) Math.floor(tileX(LON0 + 2 * STEP, z)) + "/"
                + (int) Math.floor(tileY(LAT0 + 2 * STEP, z)) + ".png";
        long buildsBefore = get("/tiles/cache").json().path("builds").asLong();
        int n = 12;
        var start = new java.util.concurrent.CountDownLatch(1);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        try {
            List<java.util.concurrent.Future<Bytes>> replies = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                replies.add(pool.submit(() -> {
                    start.await();
                    return fetch(path);
                }));
            }
            start.countDown();
            List<Bytes> all = new ArrayList<>();
            for (var r : replies) {
                all.add(r.get());
            }
            assertThat(all).allSatisfy(b -> assertThat(b.status()).isEqualTo(200));
            assertThat(all).allSatisfy(b -> assertThat(b.body()).isEqualTo(all.get(0).body()));
        } finally {
            pool.shutdownNow();
        }
        assertThat(get("/tiles/cache").json().path("builds").asLong()).isEqualTo(buildsBefore + 1);
        assertThat(fetch(path).header("X-Tile-Cache")).isEqualTo("hit");
    }

    @Test
    void badAddressesAre400NamingTheFieldAndUnknownLayersAre404() {
        assertProblem(get("/tiles/" + LAYER + "/23/0/0.png"), 400, "z");
        assertProblem(get("/tiles/" + LAYER + "/3/8/0.png"), 400, "x");
        assertProblem(get("/tiles/" + LAYER + "/3/0/-1.mvt"), 400, "y");
        assertProblem(get("/tiles/" + LAYER + "/abc/0/0.mvt"), 400, "z");
        assertProblem(get("/tiles/" + LAYER + "/1/0/0.png?version=x"), 400, "version");
        assertProblem(get("/tiles/no-such-layer/1/0/0.png"), 404, null);
        assertProblem(get("/tiles/" + LAYER + "/1/0/0.mvt?version=99"), 404, null);
    }

    private static void assertProblem(Reply r, int status, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        JsonNode p = r.json();
        assertThat(p.path("reason").asString()).isNotBlank();
        if (field != null) {
            assertThat(p.path("field").asString()).isEqualTo(field);
        }
    }

    @Test
    void pooledConnectionsStartWithoutJitOrParallelWorkers() {
        // tile queries rely on it (TileRepository); the import's validity check asks for workers itself
        assertThat(jdbc.queryForObject("SELECT current_setting('jit')", String.class)).isEqualTo("off");
        assertThat(jdbc.queryForObject("SELECT current_setting('max_parallel_workers_per_gather')", String.class))
                .isEqualTo("0");
    }
}
