package org.greenplan.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Uploads that try to steer GDAL (issue 12): OGR VRT documents disguised as every accepted type and zipped,
 * pointing at the server's own database, at a file outside the upload and at an HTTP server; a KML with a
 * NetworkLink; a GeoPackage whose view calls SQL functions; a shapefile with a 10 MB .prj. Each goes through
 * both the preview and the import job. Each must be refused (422, field "file") or read as plain data, with
 * the database unchanged, no request reaching the HTTP server and nothing from outside the upload in any
 * response.
 */
class HostileGdalInputTest extends ImportTestSupport {

    /** Where GDAL must not go: every request any hostile upload makes to it is recorded. */
    private HttpServer probe;
    private final List<String> probed = new CopyOnWriteArrayList<>();
    /** A string only the file outside the upload (and the database) can produce. */
    private final String secret = "GP-SECRET-" + UUID.randomUUID();
    private Path secretCsv;

    @BeforeEach
    void startProbeAndWriteTheSecret() throws IOException {
        probe = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        probe.createContext("/", exchange -> {
            probed.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            byte[] body = ("name,x,y\n" + secret + ",120,30\n").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        probe.start();
        // outside the server's work directory (JUnit's temporary directory)
        secretCsv = write("outside/secret.csv", "name,x,y\n" + secret + ",120,30\n");
        jdbc.update("DELETE FROM layer WHERE id = 'ti-gdal-victim'");
        jdbc.update("INSERT INTO layer (id, name, kind) VALUES ('ti-gdal-victim', '受害者', 'park')");
    }

    @AfterEach
    void stopProbe() {
        probe.stop(0);
        jdbc.update("DELETE FROM layer WHERE id = 'ti-gdal-victim'");
    }

    private String probeUrl(String path) {
        return "http://127.0.0.1:" + probe.getAddress().getPort() + path;
    }

    /** The state of everything an upload could touch in the database. */
    private String databaseState() {
        return jdbc.queryForObject("""
                SELECT (SELECT count(*) FROM layer) || '/' || (SELECT count(*) FROM layer_version) || '/'
                       || (SELECT count(*) FROM feature) || '/'
                       || (SELECT md5(coalesce(string_agg(id || ':' || name || ':' || kind || ':'
                                                          || coalesce(current_version_id::text, '-')
                                                          || ':' || updated_at, ',' ORDER BY id), ''))
                             FROM layer)""", String.class);
    }

    private String pgSource() throws Exception {
        try (Connection c = jdbc.getDataSource().getConnection()) {
            var m = java.util.regex.Pattern.compile("jdbc:postgresql://([^:/?]+)(?::(\\d+))?/([^?]+).*")
                    .matcher(c.getMetaData().getURL());
            assertThat(m.matches()).isTrue();
            return "PG:host=" + m.group(1) + " port=" + (m.group(2) == null ? "5432" : m.group(2)) + " dbname="
                    + m.group(3) + " user=" + c.getMetaData().getUserName();
        }
    }

    private static String vrt(String source, String layerXml) {
        return "<OGRVRTDataSource><OGRVRTLayer name=\"evil\"><SrcDataSource>" + source + "</SrcDataSource>"
                + layerXml + "</OGRVRTLayer></OGRVRTDataSource>\n";
    }

    /** The hostile VRT documents: name → XML. */
    private Map<String, String> vrts() throws Exception {
        String points = "<GeometryType>wkbPoint</GeometryType><LayerSRS>EPSG:4326</LayerSRS>"
                + "<GeometryField encoding=\"PointFromColumns\" x=\"x\" y=\"y\"/>";
        Map<String, String> m = new LinkedHashMap<>();
        m.put("pg-read", vrt(pgSource(), "<SrcSQL>SELECT '" + secret + "-' || current_user || '-' || (SELECT count(*) "
                + "FROM layer) AS name, 120.0 AS x, 30.0 AS y</SrcSQL>" + points));
        m.put("pg-write", vrt(pgSource(), "<SrcSQL>UPDATE layer SET name = 'pwned', updated_at = now() "
                + "WHERE id = 'ti-gdal-victim'</SrcSQL>"));
        m.put("local-file", vrt(secretCsv.toAbsolutePath().toString(), "<SrcLayer>secret</SrcLayer>" + points));
        m.put("vsicurl", vrt("/vsicurl/" + probeUrl("/vrt/secret.csv"), "<SrcLayer>secret</SrcLayer>" + points));
        return m;
    }

    /**
     * Sends {@code file} to the preview and to the import; each answer must be a 422 naming "file", or a
     * reading that shows nothing from outside the upload. The database must not change.
     */
    private void assertHarmless(String what, byte[] file, String fileName, String... extra) {
        String before = databaseState();
        List<String> bodies = new ArrayList<>();
        Reply preview = multipart("/api/v1/imports/preview", ANALYST, file, fileName, fields(extra));
        bodies.add(preview.body());
        assertThat(preview.status()).as(what + " preview: " + preview.body()).isIn(200, 422);
        if (preview.status() == 422) {
            assertThat(preview.contentType()).startsWith("application/problem+json");
            assertThat(preview.json().path("field").asString()).as(what).isEqualTo("file");
        }
        Reply job = multipart("/api/v1/imports", ANALYST, file, fileName, fields(extra));
        bodies.add(job.body());
        assertThat(job.status()).as(what + " import: " + job.body()).isIn(202, 422);
        if (job.status() == 422) {
            assertThat(job.json().path("field").asString()).as(what).isEqualTo("file");
        } else {
            JsonNode done = await(job.json().path("id").asString());
            bodies.add(done.toString());
        }
        for (String body : bodies) {
            assertThat(body).as(what + ": nothing from outside the upload").doesNotContain(secret)
                    .doesNotContain("pwned");
        }
        assertThat(probed).as(what + ": no request to the probe").isEmpty();
        assertThat(jdbc.queryForObject("SELECT name FROM layer WHERE id = 'ti-gdal-victim'", String.class))
                .as(what).isEqualTo("受害者");
        jdbc.update("DELETE FROM layer WHERE id = 'ti-gdal-hostile'");
        assertThat(databaseState()).as(what + ": the database is unchanged").isEqualTo(before);
        assertNoStrayFiles();
    }

    private static String[] fields(String... extra) {
        List<String> f = new ArrayList<>(List.of("layer", "恶意", "kind", "other", "id", "ti-gdal-hostile"));
        f.addAll(List.of(extra));
        return f.toArray(String[]::new);
    }

    private void assertRefused(String what, byte[] file, String fileName, String reason) {
        for (String path : List.of("/api/v1/imports/preview", "/api/v1/imports")) {
            Reply r = multipart(path, ANALYST, file, fileName, "layer", "恶意", "kind", "other");
            assertThat(r.status()).as(what + " " + path + ": " + r.body()).isEqualTo(422);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().path("field").asString()).isEqualTo("file");
            assertThat(r.json().path("reason").asString()).as(what).contains(reason);
        }
        assertNoStrayFiles();
    }

    @Test
    void vrtDocumentsDisguisedAsEveryAcceptedTypeAreRefused() throws Exception {
        for (var v : vrts().entrySet()) {
            byte[] xml = v.getValue().getBytes(StandardCharsets.UTF_8);
            for (String ext : List.of("kml", "gpkg", "dxf", "csv", "geojson", "json", "xlsx")) {
                assertHarmless(v.getKey() + " as ." + ext, xml, "sec." + ext);
            }
            assertHarmless(v.getKey() + " zipped as .kml", HostileInputTest.zipOf(Map.of("doc.kml", xml)), "sec.zip");
            assertHarmless(v.getKey() + " zipped as .shp", HostileInputTest.zipOf(Map.of("a.shp", xml, "a.shx", xml,
                    "a.dbf", xml)), "sec.zip");
            assertHarmless(v.getKey() + " as .kmz", HostileInputTest.zipOf(Map.of("doc.kml", xml)), "sec.kmz");
        }
    }

    @Test
    void aVrtIsRefusedWithAReasonThatSaysWhy() throws Exception {
        byte[] xml = vrts().get("local-file").getBytes(StandardCharsets.UTF_8);
        assertRefused("VRT as .kml", xml, "sec.kml", "OGR VRT");
        assertRefused("VRT as .csv", xml, "sec.csv", "OGR VRT");
        assertRefused("VRT as .gpkg", xml, "sec.gpkg", "not a GeoPackage");
    }

    @Test
    void aFileWhoseContentIsNotItsExtensionIsRefused() throws IOException {
        Path gj = write("p.geojson", HostileInputTest.PARK);
        byte[] geojson = Files.readAllBytes(gj);
        assertRefused("GeoJSON as .kml", geojson, "p.kml", "not a KML document");
        assertRefused("GeoJSON as .gpkg", geojson, "p.gpkg", "not a GeoPackage");
        assertRefused("GeoJSON as .dxf", geojson, "p.dxf", "not a DXF drawing");
        assertRefused("GeoJSON as .xlsx", geojson, "p.xlsx", "not an XLSX workbook");
        assertRefused("KML as .geojson", "<kml xmlns=\"http://www.opengis.net/kml/2.2\"/>".getBytes(
                StandardCharsets.UTF_8), "p.geojson", "not JSON");
    }

    @Test
    void aKmlNetworkLinkIsNotFollowed() {
        String kml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <kml xmlns="http://www.opengis.net/kml/2.2"><Document>
                <NetworkLink><name>more</name><Link><href>%s</href></Link></NetworkLink>
                <Placemark><name>学校</name><Point><coordinates>120.1,30.1</coordinates></Point></Placemark>
                </Document></kml>
                """.formatted(probeUrl("/networklink.kml"));
        assertHarmless("KML NetworkLink", kml.getBytes(StandardCharsets.UTF_8), "link.kml");
        assertHarmless("KMZ NetworkLink", uncheckedZip(Map.of("doc.kml", kml.getBytes(StandardCharsets.UTF_8))),
                "link.kmz");
    }

    @Test
    void aGeoPackageViewCallingSqlFunctionsReadsNothingOutsideTheUpload() throws IOException {
        Path gpkg = tmp.resolve("view.gpkg");
        gdal("ogr2ogr", "-f", "GPKG", gpkg.toString(), write("pts.csv", "name,x,y\nA,120.1,30.1\n").toString(),
                "-oo", "X_POSSIBLE_NAMES=x", "-oo", "Y_POSSIBLE_NAMES=y", "-a_srs", "EPSG:4326", "-nln", "pts");
        String path = secretCsv.toAbsolutePath().toString();
        sqlite(gpkg, """
                CREATE VIEW leak AS SELECT fid, geom, load_extension('%1$s') AS a, readfile('%1$s') AS b,
                       ogr_geocode('%2$s') AS c, name FROM pts;
                INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id)
                       VALUES ('leak', 'features', 'leak', 4326);
                INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id, z, m)
                       VALUES ('leak', 'geom', 'POINT', 4326, 0, 0);
                CREATE TRIGGER t AFTER UPDATE ON pts BEGIN SELECT load_extension('%1$s'); END;
                """.formatted(path, probeUrl("/geocode")));
        assertHarmless("GeoPackage view", Files.readAllBytes(gpkg), "view.gpkg", "sourceLayer", "leak");
    }

    @Test
    void aShapefileWithATenMegabytePrjIsRefused() throws IOException {
        Path dir = tmp.resolve("shp");
        Files.createDirectories(dir);
        gdal("ogr2ogr", "-f", "ESRI Shapefile", dir.resolve("p.shp").toString(),
                write("p.geojson", HostileInputTest.PARK).toString());
        Path prj = dir.resolve("p.prj");
        String wkt = Files.readString(prj);
        // the WKT, then 10 MB of random letters: random so that the zip's ratio limit does not refuse it first
        byte[] filler = new byte[10 * 1024 * 1024];
        java.util.Random random = new java.util.Random(12);
        for (int i = 0; i < filler.length; i++) {
            filler[i] = (byte) ('A' + random.nextInt(26));
        }
        try (RandomAccessFile f = new RandomAccessFile(prj.toFile(), "rw")) {
            f.write(wkt.getBytes(StandardCharsets.US_ASCII));
            f.write(filler);
        }
        byte[] zip = Files.readAllBytes(zip("prj.zip", dir, shapefile(dir, "p")));
        assertRefused("10 MB .prj", zip, "prj.zip", "p.prj is larger than");
    }

    private static byte[] uncheckedZip(Map<String, byte[]> entries) {
        try {
            return HostileInputTest.zipOf(entries);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Runs SQL on a SQLite file with the sqlite3 command-line tool. */
    private static void sqlite(Path db, String sql) {
        gdal("sqlite3", db.toString(), sql);
    }
}
