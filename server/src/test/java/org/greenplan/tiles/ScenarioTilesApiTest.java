package org.greenplan.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.greenplan.ServerTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * A scenario's tiles and search over real HTTP: in a workspace of two parks side by side in one z 15 tile and a
 * kindergarten, a scenario adds a park three tiles east, deletes one park and adds a facility. Its vector and PNG
 * tiles (decoded here, the pixel found by the web-mercator formulas) show baseline + edits; the baseline's tiles
 * stay as they were and stay cached; undo is seen at once; the name search finds the added facility only in the
 * scenario.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScenarioTilesApiTest extends ServerTestSupport {

    private static final String WS = "t-sctiles";
    private static final String API = "/api/v1/workspaces/" + WS;
    private static final String OGC = "/w/" + WS;
    private static final int Z = 15;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** The z 15 tile holding both baseline parks, and its centre. */
    private int tx;
    private int ty;
    private double lon0;
    private double lat0;

    @BeforeAll
    void workspace() {
        send("DELETE", API, ADMIN, null, null);
        Reply r = send("POST", "/api/v1/workspaces", ADMIN, "application/json",
                "{\"id\":\"" + WS + "\",\"name\":\"scenario tiles\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        tx = (int) Math.floor(TilesApiTest.tileX(119.705, Z));
        ty = (int) Math.floor(TilesApiTest.tileY(30.105, Z));
        lon0 = TilesApiTest.lon(tx + 0.5, Z);
        lat0 = TilesApiTest.lat(ty + 0.5, Z);
        String parks = "{\"type\":\"FeatureCollection\",\"features\":[" + park("甲公园", lon0 - 0.003, lat0) + ","
                + park("乙公园", lon0 + 0.001, lat0) + "]}";
        upload("sc-park", "park", parks);
        upload("sc-facility", "facility", "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                + "\"properties\":{\"name\":\"老幼儿园\",\"category\":\"kindergarten\"},\"geometry\":{\"type\":\"Point\","
                + "\"coordinates\":[" + lon0 + "," + (lat0 + 0.002) + "]}}]}");
    }

    @AfterAll
    void dropIt() {
        send("DELETE", API, ADMIN, null, null);
    }

    private void upload(String id, String kind, String geojson) {
        Reply r = send("POST", API + "/layers?name=" + id + "&kind=" + kind + "&id=" + id, ADMIN, "application/geo+json",
                geojson);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    /** A 0.001° square park whose south-west corner is (lon, lat). */
    private static String park(String name, double lon, double lat) {
        double s = 0.001;
        return """
                {"type":"Feature","properties":{"name":"%s","class":"社区公园"},"geometry":{"type":"Polygon",
                 "coordinates":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}}""".formatted(name, lon, lat, lon + s, lat,
                lon + s, lat + s, lon, lat + s, lon, lat);
    }

    record Bytes(int status, byte[] body, java.net.http.HttpHeaders headers) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private Bytes fetch(String path) throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(url(path))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return new Bytes(r.statusCode(), r.body(), r.headers());
    }

    private List<String> names(Bytes tile) {
        List<String> out = new ArrayList<>();
        if (tile.status() == 204) {
            return out;
        }
        assertThat(tile.status()).isEqualTo(200);
        for (VectorTileReader.Layer l : VectorTileReader.read(tile.body())) {
            l.features().forEach(f -> out.add((String) f.properties().get("name")));
        }
        return out;
    }

    private Reply write(String method, String path, String body) {
        Reply r = send(method, path, ADMIN, body == null ? null : "application/json", body);
        assertThat(r.status()).as(method + " " + path + ": " + r.body()).isBetween(200, 204);
        return r;
    }

    private List<String> search(String items, String q) {
        Reply r = get(items + "?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        r.json().get("features").forEach(f -> out.add(f.at("/properties/name").asString()));
        return out;
    }

    /** The alpha of the PNG pixel under (lon, lat) in tile (x, y). */
    private static int alphaAt(Bytes png, int x, int y, double lon, double lat) throws Exception {
        assertThat(png.status()).isEqualTo(200);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png.body()));
        int px = (int) Math.floor((TilesApiTest.tileX(lon, Z) - x) * 256);
        int py = (int) Math.floor((TilesApiTest.tileY(lat, Z) - y) * 256);
        return img.getRGB(px, py) >>> 24;
    }

    @Test
    void aScenariosTilesShowItsEditsAndTheBaselinesStayAsTheyWere() throws Exception {
        String baseTile = API + "/tiles/sc-park/" + Z + "/" + tx + "/" + ty + ".mvt";
        Bytes before = fetch(baseTile);
        assertThat(names(before)).containsExactlyInAnyOrder("甲公园", "乙公园");

        long sc = write("POST", API + "/scenarios", "{\"name\":\"tiles\"}").json().get("id").asLong();
        String items = OGC + "/scenarios/" + sc + "/collections/sc-park/items";
        // a park three tiles east, where the baseline has nothing
        int eastX = tx + 3;
        double eastLon = TilesApiTest.lon(eastX + 0.5, Z);
        String added = write("POST", items, park("新建公园", eastLon - 0.0005, lat0 - 0.0005)).json().get("id").asString();
        // the key of 乙公园, found by the scenario's search, and the park deleted in the scenario
        JsonNode yi = get(items + "?q=" + URLEncoder.encode("乙", StandardCharsets.UTF_8)).json().get("features").get(0);
        write("DELETE", items + "/" + yi.get("id").asString(), null);

        String scTiles = API + "/scenarios/" + sc + "/tiles/sc-park/" + Z + "/";
        Bytes scHere = fetch(scTiles + tx + "/" + ty + ".mvt");
        assertThat(names(scHere)).as("乙公园 is deleted in the scenario").containsExactly("甲公园");
        assertThat(scHere.header("Cache-Control")).contains("no-cache");
        Bytes scEast = fetch(scTiles + eastX + "/" + ty + ".mvt");
        assertThat(names(scEast)).containsExactly("新建公园");
        VectorTileReader.Feature addedFeature = VectorTileReader.read(scEast.body()).get(0).features().get(0);
        assertThat(addedFeature.properties()).containsEntry("source_id", added);
        assertThat(addedFeature.type()).as("a polygon").isEqualTo(3);

        // the baseline: untouched, and its cached tile still answers
        Bytes after = fetch(baseTile);
        assertThat(names(after)).containsExactlyInAnyOrder("甲公园", "乙公园");
        assertThat(after.header("X-Tile-Cache")).isEqualTo("hit");
        assertThat(after.header("ETag")).isEqualTo(before.header("ETag"));
        assertThat(fetch(API + "/tiles/sc-park/" + Z + "/" + eastX + "/" + ty + ".mvt").status())
                .as("no feature in the baseline's east tile").isEqualTo(204);

        // PNG: the added park is drawn in the scenario only
        double cLat = lat0;
        assertThat(alphaAt(fetch(scTiles + eastX + "/" + ty + ".png"), eastX, ty, eastLon, cLat)).isGreaterThan(0);
        assertThat(alphaAt(fetch(API + "/tiles/sc-park/" + Z + "/" + eastX + "/" + ty + ".png"), eastX, ty, eastLon, cLat))
                .isZero();
        double yiLon = lon0 + 0.0015;
        assertThat(alphaAt(fetch(scTiles + tx + "/" + ty + ".png"), tx, ty, yiLon, cLat)).as("乙公园 gone").isZero();
        assertThat(alphaAt(fetch(API + "/tiles/sc-park/" + Z + "/" + tx + "/" + ty + ".png"), tx, ty, yiLon, cLat))
                .isGreaterThan(0);

        // the scenario's tile is cached under its revision: asked again it is a hit, after an undo it is new
        Bytes again = fetch(scTiles + tx + "/" + ty + ".mvt");
        assertThat(again.header("X-Tile-Cache")).isEqualTo("hit");
        assertThat(again.header("ETag")).isEqualTo(scHere.header("ETag"));
        write("POST", API + "/scenarios/" + sc + "/undo", null);
        Bytes undone = fetch(scTiles + tx + "/" + ty + ".mvt");
        assertThat(undone.header("X-Tile-Cache")).isEqualTo("miss");
        assertThat(undone.header("ETag")).isNotEqualTo(scHere.header("ETag"));
        assertThat(names(undone)).as("the deletion undone").containsExactlyInAnyOrder("甲公园", "乙公园");

        // an edited attribute is what the tile carries
        JsonNode jia = get(items + "?q=" + URLEncoder.encode("甲", StandardCharsets.UTF_8)).json().get("features").get(0);
        write("PATCH", items + "/" + jia.get("id").asString(), "{\"properties\":{\"name\":\"甲公园（扩建）\"}}");
        assertThat(names(fetch(scTiles + tx + "/" + ty + ".mvt"))).containsExactlyInAnyOrder("甲公园（扩建）", "乙公园");
        assertThat(names(fetch(baseTile))).containsExactlyInAnyOrder("甲公园", "乙公园");

        // an unknown scenario or a tile off the grid
        assertThat(fetch(API + "/scenarios/999999/tiles/sc-park/" + Z + "/" + tx + "/" + ty + ".mvt").status())
                .isEqualTo(404);
        assertThat(fetch(API + "/scenarios/" + sc + "/tiles/sc-park/23/0/0.mvt").status()).isEqualTo(400);
    }

    @Test
    void theNameSearchFindsWhatTheScenarioAddedOnlyInTheScenario() {
        long sc = write("POST", API + "/scenarios", "{\"name\":\"search\"}").json().get("id").asLong();
        String items = OGC + "/scenarios/" + sc + "/collections/sc-facility/items";
        write("POST", items, "{\"type\":\"Feature\",\"properties\":{\"name\":\"新建托育中心\",\"category\":\"kindergarten\"},"
                + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[" + lon0 + "," + (lat0 - 0.002) + "]}}");
        assertThat(search(items, "托育")).containsExactly("新建托育中心");
        assertThat(search(OGC + "/collections/sc-facility/items", "托育")).isEmpty();
        // the baseline's own facility is found in the scenario too, and the text matches case- and wildcard-blind
        assertThat(search(items, "幼儿园")).containsExactly("老幼儿园");
        assertThat(search(items, "%")).isEmpty();
        // a renamed baseline feature is found by its new name in the scenario only
        String old = get(items + "?q=" + URLEncoder.encode("老幼", StandardCharsets.UTF_8)).json().at("/features/0/id")
                .asString();
        write("PATCH", items + "/" + old, "{\"properties\":{\"name\":\"Sunshine 幼儿园\"}}");
        assertThat(search(items, "sunSHINE")).containsExactly("Sunshine 幼儿园");
        assertThat(search(items, "老幼")).isEmpty();
        assertThat(search(OGC + "/collections/sc-facility/items", "老幼")).containsExactly("老幼儿园");
        JsonNode page = get(items + "?q=" + URLEncoder.encode("幼", StandardCharsets.UTF_8) + "&limit=1").json();
        assertThat(page.get("numberMatched").asInt()).isEqualTo(1);
    }
}
