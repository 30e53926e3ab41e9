package org.greenplan.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;
import org.greenplan.geo.ChinaCoordinates;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Downloads of a layer in the analysts' formats, read back independently with ogr2ogr (to GeoJSON):
 * the feature count, a Chinese attribute value, a number and the coordinates (within 1e-7°) survive; a
 * shapefile comes zipped with a .prj and a .cpg saying UTF-8; a GK export transforms as PostGIS does and
 * a GCJ-02 export is offset exactly as {@link ChinaCoordinates} computes it.
 */
class LayerExportTest extends ImportTestSupport {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static final String PARCELS = """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"名称":"生态保护红线·西溪湿地","population":120,"note":"a'b\\"c"},
             "geometry":{"type":"Polygon","coordinates":[[[120.123456789,30.1],[120.13,30.1],[120.13,30.11],[120.123456789,30.11],[120.123456789,30.1]]]}},
            {"type":"Feature","properties":{"名称":"红线二号（龙坞）","population":5},
             "geometry":{"type":"Polygon","coordinates":[[[120.2,30.2],[120.21,30.2],[120.21,30.21],[120.2,30.21],[120.2,30.2]]]}},
            {"type":"Feature","properties":{"名称":"三号","population":0},
             "geometry":{"type":"Polygon","coordinates":[[[120.3,30.3],[120.31,30.3],[120.31,30.31],[120.3,30.31],[120.3,30.3]]]}}]}""";

    /** A download: status, headers and raw bytes. */
    record Download(int status, String contentType, String disposition, byte[] body) {
    }

    Download download(String path) {
        try {
            HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(url(path))).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Download(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
                    r.headers().firstValue("Content-Disposition").orElse(""), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads any GDAL dataset back as GeoJSON features (EPSG:4326 unless told otherwise). */
    List<JsonNode> readBack(Object dataset, String... extra) {
        Path out = tmp.resolve("back-" + System.nanoTime() + ".geojson");
        List<String> cmd = new ArrayList<>(List.of("ogr2ogr", "-f", "GeoJSON", out.toString(), dataset.toString()));
        cmd.addAll(List.of(extra));
        gdal(cmd.toArray(String[]::new));
        try {
            List<JsonNode> features = new ArrayList<>();
            JSON.readTree(Files.readString(out)).path("features").forEach(features::add);
            return features;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path save(String name, Download d) throws IOException {
        assertThat(d.status()).as(new String(d.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return Files.write(tmp.resolve(name), d.body());
    }

    private static double[] firstVertex(JsonNode feature) {
        JsonNode c = feature.path("geometry").path("coordinates");
        while (c.get(0).isArray()) {
            c = c.get(0);
        }
        return new double[] {c.get(0).asDouble(), c.get(1).asDouble()};
    }

    /** The import mapped 名称 to the kind's attribute name. */
    private void assertSameParcels(List<JsonNode> back, String nameField) {
        assertThat(back).hasSize(3);
        JsonNode first = back.get(0);
        assertThat(first.path("properties").path(nameField).asString()).isEqualTo("生态保护红线·西溪湿地");
        assertThat(back.get(1).path("properties").path(nameField).asString()).isEqualTo("红线二号（龙坞）");
        assertThat(first.path("properties").path("population").asDouble()).isEqualTo(120.0);
        double[] v = firstVertex(first);
        assertThat(v[0]).isCloseTo(120.123456789, within(1e-7));
        assertThat(v[1]).isCloseTo(30.1, within(1e-7));
    }

    private void importParcels(String id) {
        JsonNode job = importAndWait(write("parcels.geojson", PARCELS), "parcels.geojson", "layer", "导出",
                "kind", "ecological_red_line", "id", id);
        assertThat(job.path("state").asString()).as(job.toString()).isEqualTo("succeeded");
    }

    @Test
    void aZippedShapefileWithPrjAndUtf8Cpg() throws IOException {
        importParcels("ti-export-shp");
        Download d = download("/collections/ti-export-shp/items?f=shp");
        assertThat(d.contentType()).isEqualTo("application/zip");
        assertThat(d.disposition()).contains("attachment").contains("filename=\"ti-export-shp-v1.zip\"");
        Path zip = save("out.zip", d);
        try (ZipFile z = new ZipFile(zip.toFile())) {
            assertThat(z.stream().map(e -> e.getName()).toList()).containsExactlyInAnyOrder("ti-export-shp.shp",
                    "ti-export-shp.shx", "ti-export-shp.dbf", "ti-export-shp.prj", "ti-export-shp.cpg");
            assertThat(new String(z.getInputStream(z.getEntry("ti-export-shp.cpg")).readAllBytes(),
                    StandardCharsets.US_ASCII).trim()).isEqualTo("UTF-8");
            assertThat(new String(z.getInputStream(z.getEntry("ti-export-shp.prj")).readAllBytes(),
                    StandardCharsets.US_ASCII)).contains("GCS_WGS_1984");
        }
        assertSameParcels(readBack("/vsizip/" + zip + "/ti-export-shp.shp"), "name");
        // the same through the layer API
        Download again = download("/api/v1/layers/ti-export-shp/export?format=shp");
        assertThat(again.body()).hasSize(d.body().length);
        deleteLayer("ti-export-shp");
        assertNoStrayFiles();
    }

    @Test
    void geoPackageGeoJsonAndCsvReadBackTheSame() throws IOException {
        importParcels("ti-export-all");
        Download gpkg = download("/api/v1/layers/ti-export-all/export?format=gpkg");
        assertThat(gpkg.disposition()).contains("filename=\"ti-export-all-v1.gpkg\"");
        Path gpkgFile = save("out.gpkg", gpkg);
        assertSameParcels(readBack(gpkgFile), "name");
        // the layer declares its kind's geometry type (it used to say "Unknown (any)")
        assertThat(gdal("ogrinfo", "-so", gpkgFile.toString(), "ti-export-all")).contains("Geometry: Multi Polygon");

        Download geojson = download("/api/v1/layers/ti-export-all/export?format=geojson");
        assertThat(geojson.contentType()).startsWith("application/geo+json");
        List<JsonNode> back = readBack(save("out.geojson", geojson));
        assertSameParcels(back, "name");
        assertThat(back.get(0).path("properties").path("note").asString()).isEqualTo("a'b\"c");

        Download csv = download("/collections/ti-export-all/items?f=csv");
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.disposition()).contains("filename=\"ti-export-all-v1.csv\"");
        // a UTF-8 byte-order mark for Excel
        assertThat(csv.body()[0] & 0xff).isEqualTo(0xEF);
        assertSameParcels(readBack(save("out.csv", csv), "-oo", "GEOM_POSSIBLE_NAMES=WKT", "-oo", "KEEP_GEOM_COLUMNS=NO",
                "-oo", "AUTODETECT_TYPE=YES", "-a_srs", "EPSG:4326"), "name");
        deleteLayer("ti-export-all");
        assertNoStrayFiles();
    }

    @Test
    void aGaussKrugerExportMatchesPostgisAndComesBack() throws IOException {
        importParcels("ti-export-gk");
        Download d = download("/api/v1/layers/ti-export-gk/export?format=geojson&crs=EPSG:4549");
        assertThat(d.disposition()).contains("filename=\"ti-export-gk-v1-4549.geojson\"");
        Path file = save("gk.geojson", d);
        double[] gk = firstVertex(readBack(file).get(0));
        List<Double> expected = jdbc.queryForList("""
                SELECT unnest(ARRAY[ST_X(p), ST_Y(p)]) FROM ST_Transform(ST_SetSRID(ST_MakePoint(120.123456789, 30.1), 4326),
                 4549) p""", Double.class);
        assertThat(gk[0]).isCloseTo(expected.get(0), within(0.001));
        assertThat(gk[1]).isCloseTo(expected.get(1), within(0.001));
        assertThat(gk[0]).isBetween(500_000.0, 520_000.0);
        assertSameParcels(readBack(file, "-t_srs", "EPSG:4326"), "name");
        deleteLayer("ti-export-gk");
    }

    @Test
    void aGcj02ExportIsOffsetAsTheWebMapsExpect() throws IOException {
        Path csv = write("pois.csv", "名称,category,x,y\n西湖小学,学校,120.15,30.25\n灵隐诊所,诊所,120.1,30.24\n");
        JsonNode job = importAndWait(csv, "pois.csv", "layer", "设施", "kind", "facility", "id", "ti-export-gcj",
                "crs", "EPSG:4326");
        assertThat(job.path("state").asString()).as(job.toString()).isEqualTo("succeeded");
        Download d = download("/api/v1/layers/ti-export-gcj/export?format=csv&crs=gcj02");
        assertThat(d.disposition()).contains("filename=\"ti-export-gcj-v1-gcj02.csv\"");
        List<JsonNode> back = readBack(save("gcj.csv", d), "-oo", "X_POSSIBLE_NAMES=X", "-oo", "Y_POSSIBLE_NAMES=Y");
        assertThat(back).hasSize(2);
        assertThat(back.get(0).path("properties").path("name").asString()).isEqualTo("西湖小学");
        double[] got = firstVertex(back.get(0));
        double[] expected = ChinaCoordinates.wgs84ToGcj02(120.15, 30.25);
        assertThat(got[0]).isCloseTo(expected[0], within(1e-7));
        assertThat(got[1]).isCloseTo(expected[1], within(1e-7));
        // the shift is real: hundreds of metres, not a no-op
        assertThat(Math.abs(got[0] - 120.15) + Math.abs(got[1] - 30.25)).isGreaterThan(0.003);
        deleteLayer("ti-export-gcj");
        assertNoStrayFiles();
    }

    @Test
    void unknownFormatsAndCrsAreRefusedNamingTheField() {
        importParcels("ti-export-bad");
        Reply f = get("/collections/ti-export-bad/items?f=dwg");
        assertThat(f.status()).isEqualTo(400);
        assertThat(f.json().path("field").asString()).isEqualTo("f");
        Reply crs = get("/api/v1/layers/ti-export-bad/export?format=shp&crs=EPSG:99999");
        assertThat(crs.status()).isEqualTo(400);
        assertThat(crs.json().path("field").asString()).isEqualTo("crs");
        assertThat(get("/api/v1/layers/ti-nope/export?format=shp").status()).isEqualTo(404);
        // the OGC items page is untouched by the downloads
        assertThat(get("/collections/ti-export-bad/items?f=json").json().path("numberReturned").asInt()).isEqualTo(3);
        deleteLayer("ti-export-bad");
        assertNoStrayFiles();
    }
}
