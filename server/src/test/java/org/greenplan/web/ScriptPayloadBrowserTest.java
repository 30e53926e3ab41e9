package org.greenplan.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.greenplan.ingest.ImportTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * Uploaded strings are data, never markup: layers of every kind the pages show, whose names, attribute
 * names and values and layer names are script payloads, opened on the map (popups, tiled identify, search,
 * walking isochrones), the dashboard (area picker, bar-chart tooltip, gaps, version comparison), the
 * printable report (area labels) and the upload wizard (preview of a file with payload field names). No
 * payload runs ({@code window.__xss} stays undefined), the payload text is shown as text, and the console
 * holds no error and no Content-Security-Policy violation.
 */
class ScriptPayloadBrowserTest extends ImportTestSupport {

    static final String IMG = "<img src=x onerror=window.__xss=1>";
    static final String SCRIPT = "<script>window.__xss=2</script>";
    static final String SVG = "\"><svg onload=window.__xss=3>";
    static final String LINK = "javascript:window.__xss=4";
    static final String ATTR = "'><img src=x onerror=window.__xss=5>";
    static final String LAYER_NAME = "图层" + ATTR;
    private static final String TARGETS = "zhejiang-beautiful-towns";
    private static final List<String> LAYERS = List.of("t-xss-admin", "t-xss-park", "t-xss-residential", "t-xss-facility");

    @RegisterExtension
    final BrowserSession browser = new BrowserSession();
    private WebDriverWait wait;

    @BeforeEach
    void createLayers() {
        wait = new WebDriverWait(browser.driver(), Duration.ofSeconds(180));
        removeLayers();
        // one admin area over the demo town's centre: in every breakdown, the report's labels and the area picker
        create("t-xss-admin", "admin_area", LAYER_NAME, polygon(Map.of("name", IMG, "code", "xss-area", "population", 5000,
                "note", SVG), 119.94, 30.39, 0.02));
        // a park (popups, search, the comparison: two versions) with payloads as values and as an attribute name
        String park = polygon(Map.of("name", SCRIPT, "class", SVG, "link", LINK, IMG, "value of a payload key"),
                119.9500, 30.3950, 0.002);
        create("t-xss-park", "park", LAYER_NAME, park);
        Reply v2 = send("POST", "/api/v1/layers/t-xss-park/versions", ANALYST, "application/geo+json",
                collection(park + "," + polygon(Map.of("name", IMG + "乙"), 119.9550, 30.3950, 0.002)));
        assertThat(v2.status()).as(v2.body()).isEqualTo(201);
        create("t-xss-residential", "residential", SVG, polygon(Map.of("name", ATTR, "population", 300), 119.9800, 30.4200,
                0.002));
        // a facility next to the isochrone start point (walking rings list it with its category)
        create("t-xss-facility", "facility", SCRIPT, point(Map.of("name", IMG, "category", SCRIPT), 119.9590, 30.4005));
    }

    @AfterEach
    void removeLayers() {
        for (String id : LAYERS) {
            send("DELETE", "/api/v1/layers/" + id, ADMIN, null, null);
        }
        jdbc.update("DELETE FROM layer WHERE name LIKE ?", "%" + ATTR); // the wizard's upload
    }

    @Test
    void payloadsAreShownAsTextOnTheMapPage() throws Exception {
        open("/?basemap=none");
        // the layer list and its checkbox labels
        WebElement entry = browser.driver().findElement(By.cssSelector("[data-layer-id='t-xss-park']"));
        assertThat(entry.getText()).contains(LAYER_NAME);
        // a feature's popup: every attribute name and value as text
        js("greenplan.layers.get('t-xss-park').leaflet.getLayers()[0].openPopup()");
        // read afresh: the popup may be redrawn (a stale element under load) while its layer settles
        assertThat(popupText()).contains(SCRIPT, SVG, LINK, IMG, "value of a payload key", LAYER_NAME);
        assertThat(browser.driver().findElements(By.cssSelector(".leaflet-popup-content :is(img, svg, script, a)")))
                .isEmpty();
        assertClean("map popup");

        // search: the hit's label and its popup
        WebElement input = browser.driver().findElement(By.id("search-input"));
        input.sendKeys("onerror=window", Keys.ENTER);
        wait.until(d -> "ready".equals(body().getDomAttribute("data-search")));
        List<WebElement> hits = browser.driver().findElements(By.cssSelector("#search-results .search-hit"));
        assertThat(hits.stream().map(WebElement::getText).collect(Collectors.joining("\n"))).contains(IMG, LAYER_NAME);
        assertThat(browser.driver().findElements(By.cssSelector("#search-results img"))).isEmpty();
        hits.get(0).click();
        wait.until(d -> "shown".equals(body().getDomAttribute("data-search")));
        assertThat(popupText()).contains(IMG);
        assertClean("search");

        // walking isochrones: the facility's name and category in the panel and in its tooltip
        js("greenplan.map.closePopup(); greenplan.isochrones.run(30.399039, 119.959703)");
        wait.until(d -> List.of("ready", "error").contains(body().getDomAttribute("data-isochrone")));
        assertThat(body().getDomAttribute("data-isochrone")).isEqualTo("ready");
        assertThat(browser.driver().findElement(By.id("isochrone-panel")).getText()).contains(IMG, SCRIPT);
        js("greenplan.map.eachLayer((l) => { if (l.getTooltip && l.getTooltip() && l instanceof L.CircleMarker) l.openTooltip(); })");
        assertThat(browser.driver().findElements(By.cssSelector(".leaflet-tooltip")).stream().map(WebElement::getText)
                .collect(Collectors.joining("\n"))).contains(IMG + " · " + SCRIPT);
        assertClean("isochrones");

        // every layer as server tiles: identify asks the items API and shows the same popup
        open("/?basemap=none&tileThreshold=0");
        // only the payload layers shown, so that the click identifies one of them (the admin area, drawn on top)
        js("""
                for (const e of document.querySelectorAll('[data-layer-id]')) {
                  if (!e.dataset.layerId.startsWith('t-xss')) e.querySelector('input').click();
                }
                greenplan.map.setView([30.3960, 119.9510], 17, {animate: false});""");
        Thread.sleep(300);
        js("greenplan.map.fire('click', {latlng: L.latLng(30.3960, 119.9510)})");
        assertThat(popupText()).contains(IMG, SVG, LAYER_NAME);
        assertClean("tiled identify");
    }

    @Test
    void payloadsAreShownAsTextOnTheDashboardAndTheReport() throws Exception {
        open("/?basemap=none&dashboard=open");
        wait.until(d -> "true".equals(d.findElement(By.id("dashboard")).getDomAttribute("data-ready")));
        Select area = new Select(browser.driver().findElement(By.id("dashboard-area")));
        assertThat(area.getOptions().stream().map(WebElement::getText).toList()).contains(IMG);
        // the bar chart's tooltip (HTML that ECharts builds) for the payload area
        String tip = (String) browser.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/_static/echarts/6.0.0/dist/echarts.esm.min.js').then((m) => {
                  const box = document.querySelector('[data-indicator-id="park_service_coverage"] .card-chart');
                  const chart = m.getInstanceByDom(box);
                  const i = chart.getOption().xAxis[0].data.indexOf(arguments[0]);
                  chart.dispatchAction({ type: 'showTip', seriesIndex: 0, dataIndex: i });
                  setTimeout(() => done(i < 0 ? 'no bar' : box.innerText), 300);
                });""", IMG);
        assertThat(tip).contains(IMG);
        assertClean("dashboard");

        // gaps of every card that has them, each popup opened
        for (WebElement card : browser.driver().findElements(By.cssSelector(".indicator-card"))) {
            String id = card.getDomAttribute("data-indicator-id");
            js("greenplan.dashboard.showGaps(arguments[0])", id);
            wait.until(d -> id.equals(d.findElement(By.id("dashboard")).getDomAttribute("data-gaps-shown"))
                    || "error".equals(d.findElement(By.id("dashboard")).getDomAttribute("data-gaps-shown")));
            js("greenplan.dashboard.gapLayer()?.getLayers()[0]?.openPopup()");
        }
        assertClean("gaps");

        // the comparison of the payload-named park layer's two versions
        new Select(browser.driver().findElement(By.id("compare-layer"))).selectByValue("t-xss-park");
        assertThat(new Select(browser.driver().findElement(By.id("compare-layer"))).getFirstSelectedOption().getText())
                .contains(LAYER_NAME);
        wait.until(d -> "2".equals(new Select(d.findElement(By.id("compare-after"))).getFirstSelectedOption().getDomAttribute("value")));
        browser.driver().findElement(By.id("compare-run")).click();
        wait.until(d -> "true".equals(d.findElement(By.id("compare")).getDomAttribute("data-ready")));
        assertClean("comparison");

        // the report: the admin areas' names are permanent labels on its map
        open("/report.html?targets=" + TARGETS + "&year=2025&area=xss-area");
        List<String> labels = browser.driver().findElements(By.cssSelector("#report-map .area-label")).stream()
                .map(WebElement::getText).toList();
        assertThat(labels).as("the report's area labels (window.__xss: %s)", js("return String(window.__xss)")).contains(IMG);
        assertThat(browser.driver().findElements(By.cssSelector("#report-map .area-label img"))).isEmpty();
        assertThat(browser.driver().findElement(By.id("report-meta")).getText()).contains(IMG);
        assertClean("report");
    }

    @Test
    void theWizardPreviewShowsPayloadFieldNamesAndValuesAsText() throws Exception {
        Path file = write("payload.geojson", """
                {"type":"FeatureCollection","features":[{"type":"Feature","properties":{%s:%s,"name":%s,"link":%s},
                 "geometry":{"type":"Polygon","coordinates":[[[119.95,30.40],[119.951,30.40],[119.951,30.401],[119.95,30.40]]]}}]}""".formatted(JSON.writeValueAsString(IMG),
                JSON.writeValueAsString(SCRIPT), JSON.writeValueAsString(SVG), JSON.writeValueAsString(LINK)));
        open("/?basemap=none");
        js("sessionStorage.setItem('greenplan.analystToken', arguments[0])", ANALYST);
        browser.driver().findElement(By.id("wizard-open")).click();
        browser.driver().findElement(By.id("wizard-file")).sendKeys(file.toString());
        new Select(browser.driver().findElement(By.id("wizard-kind"))).selectByValue("park");
        browser.driver().findElement(By.id("wizard-name")).sendKeys(LAYER_NAME);
        browser.driver().findElement(By.id("wizard-preview")).click();
        wait.until(d -> List.of("previewed", "error").contains(body().getDomAttribute("data-wizard")));
        assertThat(body().getDomAttribute("data-wizard")).as(browser.driver().findElement(By.id("wizard")).getText())
                .isEqualTo("previewed");
        String fields = browser.driver().findElement(By.id("wizard-fields")).getText();
        assertThat(fields).contains(IMG, SCRIPT, SVG, LINK);
        assertThat(browser.driver().findElements(By.cssSelector("#wizard-fields img, #wizard-fields svg, #wizard-fieldmap img")))
                .isEmpty();
        // the field map offers the payload field names as options, with their exact value
        WebElement parkClass = browser.driver().findElement(By.cssSelector("#wizard-fieldmap select[data-attribute='class']"));
        assertThat(new Select(parkClass).getOptions().stream().map(o -> o.getDomProperty("textContent")).toList()).contains(IMG);
        new Select(parkClass).selectByValue(IMG);
        assertClean("wizard preview");

        browser.driver().findElement(By.id("wizard-start")).click();
        wait.until(d -> List.of("succeeded", "failed", "error").contains(body().getDomAttribute("data-wizard")));
        assertThat(body().getDomAttribute("data-wizard")).as(browser.driver().findElement(By.id("wizard")).getText())
                .isEqualTo("succeeded");
        assertThat(browser.driver().findElement(By.id("wizard-report-layer")).getText()).contains(LAYER_NAME);
        JsonNode job = JSON.readTree((String) js("return JSON.stringify(greenplan.tools.wizard.report())"));
        String id = job.path("report").path("layer").path("id").asString();
        assertThat(browser.driver().findElement(By.cssSelector("[data-layer-id='" + id + "']")).getText()).contains(LAYER_NAME);
        assertClean("wizard report");
    }

    // ---- helpers

    /** No payload ran, nothing was refused by the CSP, and the console is clean (reading empties it). */
    private void assertClean(String where) {
        assertThat(js("return typeof window.__xss")).as(where + ": window.__xss").isEqualTo("undefined");
        List<String> csp = browser.driver().manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue() || e.getMessage().contains("Content Security Policy"))
                .map(e -> e.getLevel() + " " + e.getMessage()).toList();
        assertThat(csp).as(where + ": console errors, warnings and CSP violations").isEmpty();
    }

    /**
     * The open popup's text; a popup fades in, and Selenium reads no text while it is transparent. A popup
     * redrawn between finding and reading it (its layer settling under load) is read again, not failed on.
     */
    private String popupText() {
        return wait.until(d -> {
            try {
                return d.findElements(By.cssSelector(".leaflet-popup-content")).stream().map(WebElement::getText)
                        .filter(s -> !s.isEmpty()).findFirst().orElse(null);
            } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
                return null;
            }
        });
    }

    private void open(String path) {
        browser.driver().get(url(path));
        wait.until(d -> body().getDomAttribute("data-ready") != null);
        assertThat(body().getDomAttribute("data-ready")).isEqualTo("true");
    }

    private WebElement body() {
        return browser.driver().findElement(By.tagName("body"));
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser.driver()).executeScript(script, args);
    }

    private void create(String id, String kind, String name, String features) {
        Reply r = send("POST", "/api/v1/layers?kind=" + kind + "&id=" + id + "&name="
                + URLEncoder.encode(name, StandardCharsets.UTF_8), ANALYST, "application/geo+json", collection(features));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private static String props(Map<String, Object> properties) {
        return properties.entrySet().stream().map(e -> JSON.writeValueAsString(e.getKey()) + ":"
                + JSON.writeValueAsString(e.getValue())).collect(Collectors.joining(","));
    }

    private static String polygon(Map<String, Object> properties, double x, double y, double size) {
        return ("{\"type\":\"Feature\",\"properties\":{%s},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                + "[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}}").formatted(props(properties), x, y, x + size, y,
                        x + size, y + size, x, y + size, x, y);
    }

    private static String point(Map<String, Object> properties, double x, double y) {
        return "{\"type\":\"Feature\",\"properties\":{%s},\"geometry\":{\"type\":\"Point\",\"coordinates\":[%s,%s]}}"
                .formatted(props(properties), x, y);
    }

    private static String collection(String features) {
        return "{\"type\":\"FeatureCollection\",\"features\":[" + features + "]}";
    }
}
