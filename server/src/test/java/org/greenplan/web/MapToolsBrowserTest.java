package org.greenplan.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.greenplan.ingest.ImportTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;

/**
 * The planner's and analyst's tools on the map page, in real headless Chromium against the real server: the
 * upload wizard importing a zipped GBK shapefile in Gauss-Krüger coordinates, the project-site check drawn
 * with leaflet-draw, search by name, the basemap switch and keyboard access.
 */
class MapToolsBrowserTest extends ImportTestSupport {

    /** Three parks in the demo town (around 119.95°E 30.40°N), names and classes that need GBK in a .dbf. */
    static final String PARKS = """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"MC":"南湖公园（测试）","LB":"综合公园"},
             "geometry":{"type":"Polygon","coordinates":[[[119.940,30.390],[119.942,30.390],[119.942,30.392],[119.940,30.392],[119.940,30.390]]]}},
            {"type":"Feature","properties":{"MC":"龙坞游园","LB":"游园"},
             "geometry":{"type":"Polygon","coordinates":[[[119.950,30.395],[119.951,30.395],[119.951,30.396],[119.950,30.396],[119.950,30.395]]]}},
            {"type":"Feature","properties":{"MC":"西溪社区公园","LB":"社区公园"},
             "geometry":{"type":"Polygon","coordinates":[[[119.960,30.400],[119.9615,30.400],[119.9615,30.4015],[119.960,30.4015],[119.960,30.400]]]}}]}""";

    @RegisterExtension
    final BrowserSession browser = new BrowserSession();
    private WebDriverWait wait;
    private final List<String> createdLayers = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        wait = new WebDriverWait(browser.driver(), Duration.ofSeconds(90));
    }

    @AfterEach
    void stop() {
        for (String id : createdLayers) {
            send("DELETE", "/api/v1/layers/" + id, ADMIN, null, null);
        }
    }

    @Test
    void theUploadWizardLoadsAZippedGbkShapefileAndTheLayerAppearsInTheTree() throws Exception {
        Path src = write("parks.geojson", PARKS);
        Path dir = tmp.resolve("shp");
        Files.createDirectories(dir);
        gdal("ogr2ogr", "-f", "ESRI Shapefile", dir.resolve("公园.shp").toString(), src.toString(), "-t_srs", "EPSG:4549",
                "-lco", "ENCODING=GBK");
        Files.delete(dir.resolve("公园.cpg")); // as bureaus often send them: the encoding has to be detected
        Path zip = zip("parks.zip", dir, shapefile(dir, "公园"));
        // what the API itself says of the file, to hold the wizard's preview against
        Reply api = multipart("/api/v1/imports/preview", ANALYST, zip, "parks.zip", "layer", "上传公园", "kind", "park");
        assertThat(api.status()).as(api.body()).isEqualTo(200);
        JsonNode preview = api.json();

        openMap("/?basemap=none");
        browser.driver().findElement(By.id("wizard-open")).click();
        WebElement dialog = browser.driver().findElement(By.id("wizard"));
        assertThat(dialog.getDomProperty("open")).isEqualTo("true");
        browser.driver().findElement(By.id("wizard-file")).sendKeys(zip.toString());
        new Select(browser.driver().findElement(By.id("wizard-kind"))).selectByValue("park");
        browser.driver().findElement(By.id("wizard-name")).sendKeys("上传公园");

        // a wrong token: a clear message, nothing previewed
        browser.driver().findElement(By.id("wizard-token")).sendKeys("not-a-token");
        browser.driver().findElement(By.id("wizard-preview")).click();
        wait.until(d -> "error".equals(body().getDomAttribute("data-wizard")));
        assertThat(browser.driver().findElement(By.id("wizard-message")).getText()).isEqualTo(message("zh", "wizard.error.401"));
        assertThat(browser.driver().findElement(By.id("wizard-preview-panel")).isDisplayed()).isFalse();

        // a reader's token: may read, not upload
        WebElement readerToken = browser.driver().findElement(By.id("wizard-token"));
        readerToken.clear();
        readerToken.sendKeys(READER);
        js("document.body.dataset.wizard = ''");
        browser.driver().findElement(By.id("wizard-preview")).click();
        wait.until(d -> "error".equals(body().getDomAttribute("data-wizard")));
        assertThat(browser.driver().findElement(By.id("wizard-message")).getText()).isEqualTo(message("zh", "wizard.error.403"));

        WebElement token = browser.driver().findElement(By.id("wizard-token"));
        token.clear();
        token.sendKeys(ANALYST);
        browser.driver().findElement(By.id("wizard-preview")).click();
        wait.until(d -> "previewed".equals(body().getDomAttribute("data-wizard")));
        assertThat(js("return sessionStorage.getItem('greenplan.analystToken')")).isEqualTo(ANALYST);
        assertThat(js("return localStorage.getItem('greenplan.analystToken')")).isNull();

        String crs = browser.driver().findElement(By.id("wizard-crs")).getText();
        // how the CRS and encoding were decided: the server's codes in the page's words, never the code itself
        assertThat(crs).contains(preview.path("crs").path("detected").asString(), message("zh", "wizard.decidedBy.prj"))
                .doesNotContain("：prj");
        assertThat(preview.path("crs").path("decidedBy").asString()).isEqualTo("prj");
        String encoding = browser.driver().findElement(By.id("wizard-encoding")).getText();
        // without a .cpg the bytes decide: GB18030 is the superset of GBK that decodes them
        assertThat(preview.path("encoding").path("detected").asString()).isIn("GBK", "GB18030");
        assertThat(preview.path("encoding").path("decidedBy").asString()).isEqualTo("detected");
        assertThat(encoding).contains(preview.path("encoding").path("detected").asString(),
                message("zh", "wizard.decidedBy.detected")).doesNotContain("：detected");
        // the attributes to map are named in Chinese (the file's own field names MC, LB are the uploader's)
        assertThat(js("return [...document.querySelectorAll('#wizard-fieldmap label')].map((l) => l.textContent).join('|')"))
                .isEqualTo(message("zh", "wizard.role.name") + " *|" + message("zh", "wizard.role.class"));
        assertThat(browser.driver().findElement(By.id("wizard-source")).getText()).contains("3");
        String fields = browser.driver().findElement(By.id("wizard-fields")).getText();
        assertThat(fields).contains("MC", "LB", "南湖公园（测试）", "综合公园");
        // the small map draws the previewed features: one path per park
        assertThat(((Number) js("return document.querySelectorAll('#wizard-map path').length")).intValue()).isEqualTo(3);
        // the suggested field map: MC is the name (an alias the ingest knows); map the class by hand
        WebElement nameMap = browser.driver().findElement(By.cssSelector("#wizard-fieldmap select[data-attribute='name']"));
        assertThat(new Select(nameMap).getFirstSelectedOption().getDomAttribute("value")).isEqualTo("MC");
        WebElement classMap = browser.driver().findElement(By.cssSelector("#wizard-fieldmap select[data-attribute='class']"));
        new Select(classMap).selectByValue("LB");
        BrowserSupport.screenshot(browser.driver(), "wizard-preview");

        browser.driver().findElement(By.id("wizard-start")).click();
        wait.until(d -> List.of("succeeded", "failed", "error").contains(body().getDomAttribute("data-wizard")));
        assertThat(body().getDomAttribute("data-wizard")).as(browser.driver().findElement(By.id("wizard")).getText())
                .isEqualTo("succeeded");
        assertThat(browser.driver().findElement(By.id("wizard-progress")).getDomProperty("value")).isEqualTo("100");
        // "完成：100%", not "完成：100% done"; nothing of the server's English reaches the Chinese page
        assertThat(browser.driver().findElement(By.id("wizard-state")).getText())
                .isEqualTo(message("zh", "wizard.state.succeeded") + "：100%");
        assertNoEnglishIn(browser.driver().findElement(By.id("wizard")).getText());
        JsonNode job = JSON.readTree((String) js("return JSON.stringify(greenplan.tools.wizard.report())"));
        String layerId = job.path("report").path("layer").path("id").asString();
        createdLayers.add(layerId);
        assertThat(browser.driver().findElement(By.cssSelector("#wizard-report-table .read")).getText()).isEqualTo("3");
        assertThat(browser.driver().findElement(By.cssSelector("#wizard-report-table .loaded")).getText()).isEqualTo("3");
        assertThat(browser.driver().findElement(By.cssSelector("#wizard-report-table .repaired")).getText()).isEqualTo("0");
        assertThat(browser.driver().findElement(By.cssSelector("#wizard-report-table .rejected")).getText()).isEqualTo("0");
        assertThat(browser.driver().findElement(By.id("wizard-report-layer")).getText()).contains("上传公园", layerId, "1");
        BrowserSupport.screenshot(browser.driver(), "wizard-report");

        // the layer is in the tree and on the map, without a page reload, and the server holds the same
        assertThat(js("return performance.getEntriesByType('navigation').length")).isEqualTo(1L);
        WebElement entry = browser.driver().findElement(By.cssSelector("[data-layer-id='" + layerId + "']"));
        assertThat(entry.getText()).contains("上传公园");
        assertThat(entry.findElement(By.cssSelector(".count")).getText()).isEqualTo("3");
        assertThat(((Number) js("return greenplan.featureCount(arguments[0])", layerId)).intValue()).isEqualTo(3);
        JsonNode items = get("/collections/" + layerId + "/items").json();
        assertThat(items.path("numberMatched").asInt()).isEqualTo(3);
        Set<String> names = new LinkedHashSet<>();
        Set<String> classes = new LinkedHashSet<>();
        items.path("features").forEach(f -> {
            names.add(f.path("properties").path("name").asString());
            classes.add(f.path("properties").path("class").asString());
        });
        assertThat(names).containsExactlyInAnyOrder("南湖公园（测试）", "龙坞游园", "西溪社区公园");
        assertThat(classes).containsExactlyInAnyOrder("综合公园", "游园", "社区公园");
        browser.driver().findElement(By.id("wizard-close")).click();
        BrowserSupport.screenshot(browser.driver(), "wizard-layer-in-tree");

        // the same file again as a new version of that layer: version 2, still one entry in the tree
        browser.driver().findElement(By.id("wizard-open")).click();
        browser.driver().findElement(By.cssSelector("input[name='wizard-target'][value='existing']")).click();
        new Select(browser.driver().findElement(By.id("wizard-layer"))).selectByValue(layerId);
        browser.driver().findElement(By.id("wizard-file")).sendKeys(zip.toString());
        browser.driver().findElement(By.id("wizard-preview")).click();
        wait.until(d -> "previewed".equals(body().getDomAttribute("data-wizard")));
        browser.driver().findElement(By.id("wizard-start")).click();
        wait.until(d -> List.of("succeeded", "failed", "error").contains(body().getDomAttribute("data-wizard")));
        assertThat(body().getDomAttribute("data-wizard")).as(browser.driver().findElement(By.id("wizard")).getText())
                .isEqualTo("succeeded");
        JsonNode second = JSON.readTree((String) js("return JSON.stringify(greenplan.tools.wizard.report())"));
        assertThat(second.path("report").path("layer").path("id").asString()).isEqualTo(layerId);
        assertThat(second.path("report").path("version").asInt()).isEqualTo(2);
        assertThat(browser.driver().findElements(By.cssSelector("[data-layer-id='" + layerId + "']"))).hasSize(1);
        assertThat(((Number) js("return greenplan.layers.get(arguments[0]).collection.version", layerId)).intValue())
                .isEqualTo(2);
        assertThat(get("/collections/" + layerId).json().path("version").asInt()).isEqualTo(2);

        // a file that makes the server warn: a CSV of points in degrees declares no CRS, so the CRS is guessed
        // (and 面包店 is no category greenplan knows); the warnings carry codes the page translates
        Path csv = write("poi.csv", "name,category,lon,lat\n面包店甲,bakery,119.941,30.391\n面包店乙,bakery,119.943,30.393\n");
        Reply csvApi = multipart("/api/v1/imports/preview", ANALYST, csv, "poi.csv", "layer", "点", "kind", "facility");
        assertThat(csvApi.status()).as(csvApi.body()).isEqualTo(200);
        JsonNode guessed = csvApi.json().path("warnings").path(0);
        assertThat(guessed.path("code").asString()).isEqualTo("crs.guessedDegrees");
        assertThat(guessed.path("text").asString()).startsWith("the CRS was guessed");
        browser.driver().findElement(By.id("wizard-close")).click();
        browser.driver().findElement(By.id("wizard-open")).click();
        browser.driver().findElement(By.cssSelector("input[name='wizard-target'][value='new']")).click();
        new Select(browser.driver().findElement(By.id("wizard-kind"))).selectByValue("facility");
        browser.driver().findElement(By.id("wizard-name")).sendKeys("面包店");
        browser.driver().findElement(By.id("wizard-file")).sendKeys(csv.toString());
        js("document.body.dataset.wizard = ''");
        browser.driver().findElement(By.id("wizard-preview")).click();
        wait.until(d -> "previewed".equals(body().getDomAttribute("data-wizard")));
        String warnings = browser.driver().findElement(By.id("wizard-warnings")).getText();
        assertThat(warnings).contains(message("zh", "wizard.warning.crs.guessedDegrees"))
                .doesNotContain(guessed.path("text").asString());
        assertThat(browser.driver().findElement(By.id("wizard-crs")).getText()).contains(message("zh", "wizard.decidedBy.guessed"));
        assertNoEnglishIn(browser.driver().findElement(By.id("wizard")).getText());
        browser.driver().findElement(By.id("wizard-close")).click();
        BrowserSupport.assertNoConsoleErrors(browser.driver(), "/imports/preview"); // the deliberate 401 and 403
    }

    @Test
    void drawingAProjectSiteYieldsTheConflictReportWithTheApisAreas() throws Exception {
        // a square of about 400 m around a point inside the largest red-line polygon
        double[] c = jdbc.queryForObject("""
                SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(f.geom) AS p FROM feature f
                  JOIN layer l ON l.current_version_id = f.version_id WHERE l.id = 'demo-ecological-red-line'
                 ORDER BY ST_Area(f.geom) DESC LIMIT 1) x""", (rs, i) -> new double[] {rs.getDouble(1), rs.getDouble(2)});
        double dy = 200 / 111_000.0;
        double dx = 200 / (111_000.0 * Math.cos(Math.toRadians(c[1])));
        double[][] corners = {{c[1] - dy, c[0] - dx}, {c[1] - dy, c[0] + dx}, {c[1] + dy, c[0] + dx}, {c[1] + dy, c[0] - dx}};

        openMap("/?basemap=none");
        js("greenplan.map.setView([arguments[0], arguments[1]], 16, {animate: false})", c[1], c[0]);
        Thread.sleep(300);
        browser.driver().findElement(By.id("check-draw")).click();
        assertThat(body().getDomAttribute("data-check")).isEqualTo("drawing");
        for (double[] corner : corners) {
            clickAt(corner[0], corner[1]);
        }
        clickAt(corners[0][0], corners[0][1]); // on the first vertex: closes the polygon
        wait.until(d -> List.of("ready", "error").contains(body().getDomAttribute("data-check")));
        WebElement panel = browser.driver().findElement(By.id("check-panel"));
        assertThat(body().getDomAttribute("data-check")).as(panel.getText()).isEqualTo("ready");

        // the drawn polygon is the clicked square (a pixel at z16 is ~2 m)
        JsonNode project = JSON.readTree((String) js("return JSON.stringify(greenplan.tools.check.project())"));
        JsonNode ring = project.path("coordinates").get(0);
        assertThat(ring.size()).isEqualTo(5);
        for (int i = 0; i < 4; i++) {
            assertThat(ring.get(i).get(1).asDouble()).isCloseTo(corners[i][0], within(5 / 111_000.0));
            assertThat(ring.get(i).get(0).asDouble()).isCloseTo(corners[i][1], within(5 / 95_000.0));
        }
        // the report shows what the API answers for the same polygon
        Reply r = send("POST", "/api/v1/checks/control-lines", null, "application/geo+json", project.toString());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode api = r.json();
        assertThat(api.path("projectArea").asDouble()).isCloseTo(160_000, within(160_000 * 0.02));
        WebElement area = browser.driver().findElement(By.id("check-area"));
        assertThat(Double.parseDouble(area.getDomAttribute("data-value"))).isEqualTo(api.path("projectArea").asDouble());
        assertThat(area.getText()).contains(String.format("%.1f", api.path("projectArea").asDouble()));
        int conflictGeometries = 0;
        for (JsonNode line : api.path("conflicts")) {
            WebElement row = browser.driver().findElement(By.cssSelector("#check-table tr[data-line='" + line.path("line").asString() + "']"));
            WebElement cell = row.findElement(By.cssSelector(".area"));
            assertThat(Double.parseDouble(cell.getDomAttribute("data-value"))).isEqualTo(line.path("overlapArea").asDouble());
            assertThat(cell.getText()).isEqualTo(String.format("%.1f", line.path("overlapArea").asDouble()));
            assertThat(row.findElement(By.cssSelector(".share")).getText())
                    .isEqualTo(String.format("%.1f%%", line.path("shareOfProject").asDouble() * 100));
            if (line.hasNonNull("geometry")) {
                conflictGeometries++;
            }
        }
        JsonNode red = find(api.path("conflicts"), "ecological_red_line");
        assertThat(red.path("conflict").asBoolean()).isTrue();
        assertThat(red.path("overlapArea").asDouble()).isGreaterThan(0);
        assertThat(browser.driver().findElement(By.cssSelector("#check-table tr[data-line='ecological_red_line']")).getDomAttribute("class"))
                .contains("conflict");
        assertThat(panel.getText()).contains(message("zh", "check.notCompliant"));
        String boundary = browser.driver().findElement(By.id("check-boundary")).getText();
        if (api.path("insideDevelopmentBoundary").asBoolean()) {
            assertThat(boundary).isEqualTo(message("zh", "check.inside"));
        } else {
            assertThat(boundary).contains(String.format("%.1f", api.path("areaOutsideDevelopmentBoundary").asDouble()));
            // the boundary row says how much lies inside and outside, not a bare "边界内"
            double insideShare = api.path("shareInsideDevelopmentBoundary").asDouble();
            String row = browser.driver().findElement(By.cssSelector("#check-table tr[data-line='town_development_boundary']")).getText();
            assertThat(row).contains(String.format("边界内 %.1f%%", insideShare * 100),
                    String.format("边界外 %.1f%%", (1 - insideShare) * 100));
            assertThat(boundary).contains(String.format("%.1f%%", (1 - insideShare) * 100));
        }
        // highlighted: the site outline, each overlapping piece, and the part outside the boundary
        int expectedShapes = 1 + conflictGeometries + (api.hasNonNull("outsideDevelopmentBoundary") ? 1 : 0);
        assertThat(((Number) js("return document.querySelectorAll('.leaflet-sitecheck-pane path').length")).intValue())
                .isEqualTo(expectedShapes);
        BrowserSupport.screenshot(browser.driver(), "site-check");

        // the same site uploaded as a GeoJSON file (read by the import preview): the same areas
        String square = """
                {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"拟建项目"},
                 "geometry":{"type":"Polygon","coordinates":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}}]}"""
                .formatted(corners[0][1], corners[0][0], corners[1][1], corners[1][0], corners[2][1], corners[2][0],
                        corners[3][1], corners[3][0], corners[0][1], corners[0][0]);
        Path site = write("site.geojson", square);
        JsonNode uploadedApi = send("POST", "/api/v1/checks/control-lines", null, "application/geo+json", square).json();
        browser.driver().findElement(By.id("check-clear")).click();
        js("sessionStorage.setItem('greenplan.analystToken', arguments[0])", ANALYST);
        browser.driver().findElement(By.id("check-file")).sendKeys(site.toString());
        wait.until(d -> List.of("ready", "error").contains(body().getDomAttribute("data-check")));
        assertThat(body().getDomAttribute("data-check")).as(panel.getText()).isEqualTo("ready");
        // exactly the API's answer for the polygon the preview returned
        JsonNode read = JSON.readTree((String) js("return JSON.stringify(greenplan.tools.check.project())"));
        JsonNode readApi = send("POST", "/api/v1/checks/control-lines", null, "application/geo+json", read.toString()).json();
        double shown = Double.parseDouble(browser.driver().findElement(By.id("check-area")).getDomAttribute("data-value"));
        assertThat(shown).isEqualTo(readApi.path("projectArea").asDouble());
        // and close to the file's own polygon: the preview rounds coordinates to 7 decimals (<= 1.1 cm), which
        // moves the area by at most perimeter x 1.1 cm = 1,600 m x 0.011 m, about 18 m²
        assertThat(shown).isCloseTo(uploadedApi.path("projectArea").asDouble(), within(18.0));
        double redShown = Double.parseDouble(browser.driver().findElement(
                By.cssSelector("#check-table tr[data-line='ecological_red_line'] .area")).getDomAttribute("data-value"));
        assertThat(redShown).isCloseTo(find(uploadedApi.path("conflicts"), "ecological_red_line").path("overlapArea").asDouble(),
                within(18.0));
        BrowserSupport.assertNoConsoleErrors(browser.driver());
    }

    @Test
    void searchFindsADemoFeatureByItsChineseNameAndOpensItsPopup() throws Exception {
        openMap("/?basemap=none");
        WebElement input = browser.driver().findElement(By.id("search-input"));
        input.sendKeys("凤凰幼儿园", Keys.ENTER);
        wait.until(d -> "ready".equals(body().getDomAttribute("data-search")));
        List<WebElement> hits = browser.driver().findElements(By.cssSelector("#search-results .search-hit"));
        long expected = jdbc.queryForObject("""
                SELECT count(*) FROM feature f JOIN layer l ON l.current_version_id = f.version_id
                 WHERE strpos(f.properties->>'name', '凤凰幼儿园') > 0""", Long.class);
        assertThat(expected).isEqualTo(1);
        assertThat(hits).hasSize(1);
        assertThat(hits.get(0).getText()).contains("凤凰幼儿园", "公共服务设施");
        hits.get(0).click();
        wait.until(d -> !d.findElements(By.cssSelector(".leaflet-popup-content")).isEmpty());
        assertThat(browser.driver().findElement(By.cssSelector(".leaflet-popup-content")).getText()).contains("凤凰幼儿园");
        double[] at = jdbc.queryForObject("""
                SELECT ST_X(ST_PointOnSurface(f.geom)), ST_Y(ST_PointOnSurface(f.geom)) FROM feature f JOIN layer l ON l.current_version_id = f.version_id
                 WHERE l.id = 'demo-facility' AND f.properties->>'name' = '凤凰幼儿园'""",
                (rs, i) -> new double[] {rs.getDouble(1), rs.getDouble(2)});
        // zoomed in on it: the feature is in the view and the view is street-sized
        assertThat((Boolean) js("return greenplan.map.getBounds().contains([arguments[0], arguments[1]])", at[1], at[0])).isTrue();
        assertThat(((Number) js("return greenplan.map.getZoom()")).intValue()).isGreaterThanOrEqualTo(15);
        BrowserSupport.screenshot(browser.driver(), "search");

        // a part of a name finds every feature holding it, as many as the database holds (up to 10 per layer)
        input.clear();
        js("document.body.dataset.search = ''");
        input.sendKeys("幼儿园", Keys.ENTER);
        wait.until(d -> "ready".equals(body().getDomAttribute("data-search")));
        List<Map<String, Object>> perLayer = jdbc.queryForList("""
                SELECT l.id, count(*) AS n FROM feature f JOIN layer l ON l.current_version_id = f.version_id
                 WHERE strpos(f.properties->>'name', '幼儿园') > 0 GROUP BY l.id""");
        long shown = perLayer.stream().mapToLong(m -> Math.min(10, ((Number) m.get("n")).longValue())).sum();
        assertThat(shown).isGreaterThan(1);
        assertThat(browser.driver().findElements(By.cssSelector("#search-results .search-hit"))).hasSize((int) shown);
        input.clear();
        String none = message("zh", "search.none").replace("{q}", "不存在的名字");
        input.sendKeys("不存在的名字", Keys.ENTER);
        wait.until(d -> none.equals(d.findElement(By.id("search-status")).getText()));
        assertThat(browser.driver().findElements(By.cssSelector("#search-results .search-hit"))).isEmpty();
        BrowserSupport.assertNoConsoleErrors(browser.driver());
    }

    @Test
    void everyControlIsReachableWithTabAndLabelledAndTheLabelsComeFromTheMessageFiles() throws Exception {
        openMap("/?basemap=none");
        // the 天地图 option is there, disabled with the hint, since the test server has no key
        WebElement tianditu = browser.driver().findElement(By.cssSelector("#basemap option[value='tianditu']"));
        assertThat(tianditu.isEnabled()).isFalse();
        assertThat(tianditu.getText()).isEqualTo(message("zh", "map.basemap.tiandituNoKey"));
        assertThat(tianditu.getDomAttribute("title")).isEqualTo(message("zh", "map.basemap.tiandituHint"));
        // with a key (as /api/v1/map/config sends it): the option is enabled and both Tianditu layers carry tk
        @SuppressWarnings("unchecked")
        List<String> urls = (List<String>) browser.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/basemap.js').then((m) => {
                  const b = m.initBasemap(greenplan.map, { basemap: 'none', tiandituKey: 'test-key' }, 'tianditu');
                  const urls = [];
                  greenplan.map.eachLayer((l) => { if (l._url) urls.push(l._url); });
                  const enabled = !document.querySelector('#basemap option[value=tianditu]').disabled;
                  b.set('none');
                  done(enabled ? urls : ['option still disabled']);
                });""");
        assertThat(urls).hasSize(2);
        assertThat(urls.get(0)).contains("tianditu.gov.cn/vec_w/wmts", "LAYER=vec", "TILEMATRIXSET=w", "tk=test-key");
        assertThat(urls.get(1)).contains("tianditu.gov.cn/cva_w/wmts", "LAYER=cva", "tk=test-key");
        String offline = message("zh", "map.basemap.offline");
        new Select(browser.driver().findElement(By.id("basemap"))).selectByValue("osm");
        // online it stays on OpenStreetMap; in this closed network the tiles fail and it falls back to none
        wait.until(d -> "osm".equals(js("return greenplan.basemap.current()"))
                || browser.driver().findElement(By.cssSelector(".leaflet-control-attribution")).getText()
                        .contains(offline));
        if (!"osm".equals(js("return greenplan.basemap.current()"))) {
            assertThat(js("return greenplan.basemap.current()")).isEqualTo("none");
            assertThat(new Select(browser.driver().findElement(By.id("basemap"))).getFirstSelectedOption().getDomAttribute("value"))
                    .isEqualTo("none");
        }
        new Select(browser.driver().findElement(By.id("basemap"))).selectByValue("none");
        assertThat(js("return greenplan.basemap.current()")).isEqualTo("none");

        Set<String> reached = tabThrough(250);
        assertThat(reached).contains("#basemap", "#language", "#wizard-open", "#search-input", "#search-button",
                "#check-draw", "#check-file", "#isochrone-toggle", "#map");
        assertThat(reached.stream().filter(s -> s.startsWith("layer:")).count())
                .isEqualTo(((Number) js("return greenplan.layers.size")).longValue());
        assertThat(unlabelled()).as("controls without an accessible name").isEmpty();

        // the wizard opens from the keyboard; inside it every control is labelled and reachable
        browser.driver().findElement(By.id("wizard-open")).sendKeys(Keys.ENTER);
        assertThat(browser.driver().findElement(By.id("wizard")).getDomProperty("open")).isEqualTo("true");
        assertThat(js("return document.activeElement.id")).isEqualTo("wizard-token");
        Set<String> inDialog = tabThrough(30);
        assertThat(inDialog).contains("#wizard-token", "#wizard-file", "#wizard-kind", "#wizard-name", "#wizard-preview",
                "#wizard-close");
        assertThat(unlabelled()).as("controls without an accessible name in the wizard").isEmpty();
        BrowserSupport.screenshot(browser.driver(), "wizard-open");
        new Actions(browser.driver()).sendKeys(Keys.ESCAPE).perform();
        assertThat(browser.driver().findElement(By.id("wizard")).getDomProperty("open")).isEqualTo("false");

        // English: the same controls, labels from en.json
        browser.driver().get(url("/?basemap=none&lang=en"));
        wait.until(d -> "true".equals(body().getDomAttribute("data-ready")));
        assertThat(browser.driver().findElement(By.id("wizard-open")).getText()).isEqualTo(message("en", "wizard.open"));
        assertThat(browser.driver().findElement(By.id("check-draw")).getText()).isEqualTo(message("en", "check.draw"));
        assertThat(browser.driver().findElement(By.id("isochrone-toggle")).getText()).isEqualTo(message("en", "walk.pick"));
        assertThat(browser.driver().findElement(By.id("search-input")).getDomAttribute("placeholder"))
                .isEqualTo(message("en", "search.placeholder"));
        assertThat(unlabelled()).isEmpty();
        BrowserSupport.screenshot(browser.driver(), "map-tools-en");
        js("localStorage.removeItem('greenplan.lang')");
        BrowserSupport.assertNoConsoleErrors(browser.driver(), "tile.openstreetmap.org", "tianditu.gov.cn");
    }

    // ---- helpers

    private WebElement body() {
        return browser.driver().findElement(By.tagName("body"));
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser.driver()).executeScript(script, args);
    }

    private void openMap(String path) {
        browser.driver().get(url(path));
        wait.until(d -> body().getDomAttribute("data-ready") != null);
        assertThat(body().getDomAttribute("data-ready")).isEqualTo("true");
    }

    private void clickAt(double lat, double lon) {
        WebElement map = browser.driver().findElement(By.id("map"));
        Number x = (Number) js("return greenplan.map.latLngToContainerPoint([arguments[0], arguments[1]]).x", lat, lon);
        Number y = (Number) js("return greenplan.map.latLngToContainerPoint([arguments[0], arguments[1]]).y", lat, lon);
        int dx = (int) Math.round(x.doubleValue()) - map.getSize().getWidth() / 2;
        int dy = (int) Math.round(y.doubleValue()) - map.getSize().getHeight() / 2;
        new Actions(browser.driver()).moveToElement(map, dx, dy).pause(Duration.ofMillis(100)).click().pause(Duration.ofMillis(150))
                .perform();
    }

    /** Presses Tab up to n times from the top; what received focus, as #id or layer:{id}. */
    private Set<String> tabThrough(int n) {
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < n; i++) {
            new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
            String s = (String) js("""
                    const e = document.activeElement;
                    const entry = e.closest('[data-layer-id]');
                    if (entry && e.type === 'checkbox') return 'layer:' + entry.dataset.layerId;
                    return e.id ? '#' + e.id : e.tagName.toLowerCase() + ':' + (e.textContent || '').trim().slice(0, 20);""");
            seen.add(s);
        }
        return seen;
    }

    /** Visible inputs, selects and buttons with no accessible name (label, aria-label(ledby) or text). */
    @SuppressWarnings("unchecked")
    private List<String> unlabelled() {
        return (List<String>) js("""
                const out = [];
                const root = document.querySelector('dialog[open]') ?? document;
                for (const e of root.querySelectorAll('input, select, button, textarea, [tabindex]')) {
                  if (!e.getClientRects().length || e.type === 'hidden') continue;
                  const name = (e.getAttribute('aria-label') ?? '').trim()
                    || (e.getAttribute('aria-labelledby') ? document.getElementById(e.getAttribute('aria-labelledby'))?.textContent.trim() : '')
                    || [...(e.labels ?? [])].map((l) => l.textContent.trim()).join(' ')
                    || (e.tagName === 'BUTTON' ? e.textContent.trim() : '')
                    || (e.title ?? '').trim();
                  if (!name) out.push(e.outerHTML.slice(0, 120));
                }
                return out;""");
    }

    private static JsonNode find(JsonNode array, String line) {
        for (JsonNode n : array) {
            if (n.path("line").asString().equals(line)) {
                return n;
            }
        }
        throw new AssertionError("no " + line + " in " + array);
    }

    /** A label from the page's message file, read independently of the page. */
    /** Three English words in a row, or a bare "done"/"file", on the Chinese page: the server's text leaked. */
    static void assertNoEnglishIn(String text) {
        assertThat(text).as("English on the Chinese wizard").doesNotContainPattern("[A-Za-z]{2,}(?: [A-Za-z]{2,}){2,}")
                .doesNotContainPattern("\\b(?:done|file)\\b");
    }

    static String message(String lang, String key) throws IOException {
        try (InputStream in = new ClassPathResource("static/i18n/" + lang + ".json").getInputStream()) {
            return JSON.readTree(in).path(key).asString();
        }
    }
}
