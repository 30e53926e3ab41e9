package org.greenplan.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every format an analyst brings, made in the test with ogr2ogr: GeoPackage (choosing a layer), File
 * Geodatabase (zipped .gdb folder), GeoJSON, KML and KMZ, DXF, CSV (GBK, GCJ-02 POIs with AMap types)
 * and XLSX; the preview; versions of an existing layer.
 */
class FormatsImportTest extends ImportTestSupport {

    static final String PARKS = """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"名称":"西湖公园","类型":"综合公园","attr \\"q\\"; DROP TABLE layer;--":"kept"},
             "geometry":{"type":"Polygon","coordinates":[[[120.0,30.0],[120.01,30.0],[120.01,30.01],[120.0,30.01],[120.0,30.0]]]}},
            {"type":"Feature","properties":{"名称":"口袋公园","类型":"游园"},
             "geometry":{"type":"Polygon","coordinates":[[[120.02,30.0],[120.021,30.0],[120.021,30.001],[120.02,30.001],[120.02,30.0]]]}}]}""";

    static final String LINES = """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"名称":"滨江绿道","等级":"城市"},
             "geometry":{"type":"LineString","coordinates":[[120.0,30.0],[120.01,30.01],[120.02,30.0]]}}]}""";

    private Path parksGeoJson() {
        return write("parks.geojson", PARKS);
    }

    @Test
    void geoPackageWithTwoLayersAsksWhichOneAndRefusesALineLayerForParks() {
        Path gpkg = tmp.resolve("plan.gpkg");
        gdal("ogr2ogr", "-f", "GPKG", gpkg.toString(), parksGeoJson().toString(), "-nln", "公园");
        gdal("ogr2ogr", "-f", "GPKG", "-update", gpkg.toString(), write("lines.geojson", LINES).toString(), "-nln",
                "绿道");
        Reply which = multipart("/api/v1/imports", ANALYST, gpkg, "plan.gpkg", "layer", "公园", "kind", "park");
        assertThat(which.status()).as(which.body()).isEqualTo(422);
        assertThat(which.json().path("field").asString()).isEqualTo("sourceLayer");
        assertThat(which.json().path("reason").asString()).contains("公园", "绿道");

        Reply wrongType = multipart("/api/v1/imports/preview", ANALYST, gpkg, "plan.gpkg", "layer", "x", "kind", "park",
                "sourceLayer", "绿道");
        assertThat(wrongType.status()).as(wrongType.body()).isEqualTo(422);
        assertThat(wrongType.json().path("field").asString()).isEqualTo("kind");
        assertThat(wrongType.json().path("reason").asString()).contains("Line String", "park");

        JsonNode job = importAndWait(gpkg, "plan.gpkg", "layer", "公园", "kind", "park", "id", "ti-gpkg",
                "sourceLayer", "公园");
        assertThat(job.path("state").asString()).as(job.toString()).isEqualTo("succeeded");
        assertThat(job.path("report").path("source").path("layer").asString()).isEqualTo("公园");
        assertThat(job.path("report").path("fieldMap").path("name").asString()).isEqualTo("名称");
        assertThat(job.path("report").path("fieldMap").path("class").asString()).isEqualTo("类型");
        JsonNode first = items("ti-gpkg").get(0).path("properties");
        assertThat(first.path("name").asString()).isEqualTo("西湖公园");
        assertThat(first.path("class").asString()).isEqualTo("综合公园");
        assertThat(first.path("attr \"q\"; DROP TABLE layer;--").asString()).isEqualTo("kept");
        deleteLayer("ti-gpkg");
        assertNoStrayFiles();
    }

    @Test
    void zippedFileGeodatabase() throws Exception {
        Path gdb = tmp.resolve("规划.gdb");
        gdal("ogr2ogr", "-f", "OpenFileGDB", gdb.toString(), parksGeoJson().toString(), "-nln", "parks",
                "-t_srs", "EPSG:4549");
        JsonNode job = importAndWait(zip("gdb.zip", tmp, gdb), "gdb.zip", "layer", "公园 GDB", "kind", "park",
                "id", "ti-gdb");
        assertThat(job.path("state").asString()).as(job.toString()).isEqualTo("succeeded");
        assertThat(job.path("report").path("source").path("format").asString()).isEqualTo("filegdb");
        assertThat(job.path("report").path("crs").path("detected").asString()).contains("120E");
        var features = items("ti-gdb");
        assertThat(features).hasSize(2);
        assertThat(features.get(1).path("properties").path("name").asString()).isEqualTo("口袋公园");
        double lon = features.get(0).path("geometry").path("coordinates").get(0).get(0).get(0).get(0).asDouble();
        assertThat(lon).isCloseTo(120.0, within(1e-6));
        deleteLayer("ti-gdb");
    }

    @Test
    void kmlKmzAndDxf() throws Exception {
        Path kml = tmp.resolve("parks.kml");
        gdal("ogr2ogr", "-f", "KML", kml.toString(), parksGeoJson().toString(), "-nln", "parks", "-select", "名称");
        JsonNode job = importAndWait(kml, "parks.kml", "layer", "KML 公园", "kind", "park", "id", "ti-kml",
                "fieldMap", "{\"name\":\"Name\"}");
        assertThat(job.path("state").asString()).as(job.toString()).isEqualTo("succeeded");
        assertThat(job.path("report").path("featuresLoaded").asInt()).isEqualTo(2);

        Path kmzDir = tmp.resolve("kmz");
        Files.createDirectories(kmzDir);
        Files.copy(kml, kmzDir.resolve("doc.kml"));
        JsonNode kmz = importAndWait(zip("parks.kmz", kmzDir, kmzDir.resolve("doc.kml")), "parks.kmz",
                "layer", "ti-kml", "fieldMap", "{\"name\":\"Name\"}");
        assertThat(kmz.path("state").asString()).as(kmz.toString()).isEqualTo("succeeded");
        assertThat(kmz.path("report").path("version").asInt()).isEqualTo(2);
        deleteLayer("ti-kml");

        // CAD drawings carry no CRS: GK eastings with the zone prefix are recognised (zone 40)
        Path dxf = tmp.resolve("greenway.dxf");
        gdal("ogr2ogr", "-f", "DXF", dxf.toString(), write("lines.geojson", LINES).toString(), "-t_srs", "EPSG:4528");
        JsonNode cad = importAndWait(dxf, "greenway.dxf", "layer", "CAD 绿道", "kind", "greenway", "id", "ti-dxf");
        assertThat(cad.path("state").asString()).as(cad.toString()).isEqualTo("succeeded");
        assertThat(cad.path("report").path("crs").path("decidedBy").asString()).isEqualTo("guessed");
        assertThat(cad.path("report").path("crs").path("sourceSrs").asString()).isEqualTo("EPSG:4528");
        JsonNode line = items("ti-dxf").get(0).path("geometry");
        assertThat(line.path("type").asString()).isEqualTo("MultiLineString");
        assertThat(line.path("coordinates").get(0).get(1).get(0).asDouble()).isCloseTo(120.01, within(1e-6));
        deleteLayer("ti-dxf");
    }

    @Test
    void gcj02PoiCsvInGbkWithAmapTypes() throws Exception {
        // GCJ-02 positions of the eviltransform reference points, as an AMap POI export would list them
        String csv = """
                名称,类型,经度,纬度
                上海测试中学,科教文化服务;学校;中学,121.531541859215,31.17530398364597
                深圳测试幼儿园,科教文化服务;学校;幼儿园,113.9171764808363,22.540796131694766
                北京测试书店,购物服务;专卖店;书店,116.38404722455657,39.91334545536069
                """;
        Path file = tmp.resolve("pois.csv");
        Files.write(file, csv.getBytes(Charset.forName("GBK")));
        JsonNode job = importAndWait(file, "pois.csv", "layer", "高德 POI", "kind", "facility", "id", "ti-poi",
                "crs", "gcj02");
        assertThat(job.path("state").asString()).as(job.toString()).isEqualTo("succeeded");
        JsonNode report = job.path("report");
        assertThat(report.path("encoding").path("detected").asString()).isEqualTo("GB18030");
        assertThat(report.path("crs").path("decidedBy").asString()).isEqualTo("user");
        assertThat(report.path("fieldMap").path("category").asString()).isEqualTo("类型");
        assertThat(report.path("warnings").toString()).contains("书店");
        var features = items("ti-poi");
        JsonNode school = features.get(0);
        assertThat(school.path("properties").path("category").asString()).isEqualTo("middle_school");
        assertThat(school.path("properties").path("category_label").asString()).isEqualTo("科教文化服务;学校;中学");
        assertThat(school.path("properties").path("name").asString()).isEqualTo("上海测试中学");
        assertThat(features.get(1).path("properties").path("category").asString()).isEqualTo("kindergarten");
        // converted back to WGS84: within 2 m of the reference
        JsonNode p = school.path("geometry").path("coordinates").get(0);
        assertThat(metres(p.get(0).asDouble(), p.get(1).asDouble(), 121.5272106, 31.1774276)).isLessThan(2.0);
        deleteLayer("ti-poi");
    }

    @Test
    void xlsxWithCoordinateColumns() {
        Path csv = write("pois.csv", "name,category,lng,lat\n社区卫生服务站A,社区卫生服务站,120.1,30.2\n养老院B,养老院,120.2,30.3\n");
        Path xlsx = tmp.resolve("pois.xlsx");
        gdal("ogr2ogr", "-f", "XLSX", xlsx.toString(), csv.toString(), "-nln", "设施", "-oo", "AUTODETECT_TYPE=YES");
        JsonNode job = importAndWait(xlsx, "pois.xlsx", "layer", "设施 XLSX", "kind", "facility", "id", "ti-xlsx",
                "x", "lng", "y", "lat");
        assertThat(job.path("state").asString()).as(job.toString()).isEqualTo("succeeded");
        var features = items("ti-xlsx");
        assertThat(features.get(0).path("properties").path("category").asString()).isEqualTo("community_health_station");
        assertThat(features.get(1).path("properties").path("category").asString()).isEqualTo("elderly_care");
        assertThat(features.get(1).path("geometry").path("coordinates").get(0).get(0).asDouble())
                .isCloseTo(120.2, within(1e-9));
        assertThat(job.path("report").path("crs").path("decidedBy").asString()).isEqualTo("guessed");
        deleteLayer("ti-xlsx");
    }

    @Test
    void previewShowsTwentyFeaturesDecisionsFieldsAndTheSuggestedMap() {
        StringBuilder fc = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        for (int i = 0; i < 25; i++) {
            fc.append(i == 0 ? "" : ",").append("{\"type\":\"Feature\",\"properties\":{\"MC\":\"街道").append(i)
                    .append("\",\"DM\":\"3301").append(i).append("\",\"RKS\":").append(1000 + i)
                    .append("},\"geometry\":{\"type\":\"Point\",\"coordinates\":[").append(120 + i * 0.01)
                    .append(",30]}}");
        }
        fc.append("]}");
        Path dir = tmp.resolve("pt");
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Path shp = dir.resolve("pts.shp");
        gdal("ogr2ogr", "-f", "ESRI Shapefile", shp.toString(), write("pts.geojson", fc.toString()).toString(),
                "-t_srs", "EPSG:4528", "-lco", "ENCODING=GBK");
        Path zip = zip("pts.zip", dir, shapefile(dir, "pts"));
        Reply r = multipart("/api/v1/imports/preview", ANALYST, zip, "pts.zip", "layer", "x", "kind", "facility",
                "fieldMap", "{\"category\":\"MC\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode p = r.json();
        assertThat(p.path("features").path("features").size()).isEqualTo(20);
        assertThat(p.path("source").path("featureCount").asInt()).isEqualTo(25);
        assertThat(p.path("crs").path("detected").asString()).contains("zone 40");
        assertThat(p.path("encoding").path("detected").asString()).isEqualTo("GBK");
        assertThat(p.path("suggestedFieldMap").path("category").asString()).isEqualTo("MC");
        assertThat(p.path("fields").get(0).path("name").asString()).isEqualTo("MC");
        assertThat(p.path("fields").get(0).path("samples").get(0).asString()).isEqualTo("街道0");
        JsonNode c = p.path("features").path("features").get(3).path("geometry").path("coordinates");
        assertThat(c.get(0).asDouble()).isCloseTo(120.03, within(1e-6));

        // admin areas need name, code and population: recognised from MC, DM, RKS
        Reply admin = multipart("/api/v1/imports/preview", ANALYST, zip, "pts.zip", "layer", "x", "kind", "other");
        assertThat(admin.status()).isEqualTo(200);
        // a kind whose required attribute is missing is refused with the fields to choose from
        Reply missing = multipart("/api/v1/imports/preview", ANALYST, zip, "pts.zip", "layer", "x", "kind", "facility");
        assertThat(missing.status()).as(missing.body()).isEqualTo(422);
        assertThat(missing.json().path("field").asString()).isEqualTo("fieldMap");
        assertThat(missing.json().path("reason").asString()).contains("category", "RKS");
        assertThat(get("/collections").body()).doesNotContain("\"x\"");
        assertNoStrayFiles();
    }

    @Test
    void reimportCreatesANewVersionAndTheOldOneStaysQueryable() {
        Path file = parksGeoJson();
        JsonNode one = importAndWait(file, "parks.geojson", "layer", "版本公园", "kind", "park", "id", "ti-versions");
        assertThat(one.path("state").asString()).as(one.toString()).isEqualTo("succeeded");
        Path smaller = write("one.geojson", """
                {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"NAME":"新公园"},
                 "geometry":{"type":"Polygon","coordinates":[[[121,31],[121.001,31],[121.001,31.001],[121,31]]]}}]}""");
        JsonNode two = importAndWait(smaller, "one.geojson", "layer", "ti-versions");
        assertThat(two.path("state").asString()).as(two.toString()).isEqualTo("succeeded");
        assertThat(two.path("report").path("version").asInt()).isEqualTo(2);
        assertThat(get("/collections/ti-versions/items").json().path("numberMatched").asInt()).isEqualTo(1);
        assertThat(get("/collections/ti-versions/items?version=1").json().path("numberMatched").asInt()).isEqualTo(2);
        Reply wrongKind = multipart("/api/v1/imports", ANALYST, smaller, "one.geojson", "layer", "ti-versions",
                "kind", "residential");
        assertThat(wrongKind.status()).isEqualTo(422);
        assertThat(wrongKind.json().path("field").asString()).isEqualTo("kind");
        deleteLayer("ti-versions");
    }

    @Test
    void importsNeedAnAnalystToken() {
        Path file = parksGeoJson();
        assertThat(multipart("/api/v1/imports", null, file, "parks.geojson", "layer", "x", "kind", "park").status())
                .isEqualTo(401);
        assertThat(multipart("/api/v1/imports", READER, file, "parks.geojson", "layer", "x", "kind", "park").status())
                .isEqualTo(403);
        assertThat(multipart("/api/v1/imports/preview", READER, file, "parks.geojson", "layer", "x").status())
                .isEqualTo(403);
        assertThat(get("/api/v1/imports/00000000-0000-0000-0000-000000000000").status()).isEqualTo(401);
        assertThat(get("/api/v1/imports/00000000-0000-0000-0000-000000000000", "Authorization", "Bearer " + ANALYST)
                .status()).isEqualTo(404);
    }

    static double metres(double lon1, double lat1, double lon2, double lat2) {
        double dx = Math.toRadians(lon1 - lon2) * Math.cos(Math.toRadians(lat2)) * 6371008.8;
        double dy = Math.toRadians(lat1 - lat2) * 6371008.8;
        return Math.hypot(dx, dy);
    }
}
