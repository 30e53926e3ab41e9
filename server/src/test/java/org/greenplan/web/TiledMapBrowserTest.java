package org.greenplan.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.greenplan.ServerTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * Big layers on the map page as server PNG tiles, in real headless Chromium: with the threshold lowered by
 * ?tileThreshold=, layers above it arrive as /tiles/ images instead of GeoJSON, the rest stay vector, and a
 * click on a tiled feature still opens its popup (identify through the items API).
 */
class TiledMapBrowserTest extends ServerTestSupport {

    private static final String LAYER = "t-browser-tiled";
    private static final int THRESHOLD = 20;
    // 30 parcels of 0.002° on a 0.004° grid, south-west of the demo town and of the other browser tests' data
    private static final double LON0 = 119.50;
    private static final double LAT0 = 29.90;
    @RegisterExtension
    final BrowserSession browser = new BrowserSession();

    @BeforeEach
    void start() throws Exception {
        if (jdbc.queryForObject("SELECT count(*) FROM layer WHERE id = ?", Long.class, LAYER) == 0) {
            List<String> features = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                for (int j = 0; j < 5; j++) {
                    double x = LON0 + i * 0.004;
                    double y = LAT0 + j * 0.004;
                    features.add("""
                            {"type":"Feature","properties":{"name":"瓦片小区 %d-%d","population":%d},"geometry":{"type":"Polygon",
                             "coordinates":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}}""".formatted(i, j, 100 + 10 * i + j,
                            x, y, x + 0.002, y, x + 0.002, y + 0.002, x, y + 0.002, x, y));
                }
            }
            Reply r = send("POST", "/api/v1/layers?name=瓦片测试小区&kind=residential&id=" + LAYER, ADMIN,
                    "application/geo+json", "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}");
            assertThat(r.status()).as(r.body()).isEqualTo(201);
        }
    }


    @Test
    void layersAboveTheThresholdAreTilesAndStillIdentifyOnClick() throws Exception {
        List<String> expectTiled = new ArrayList<>();
        long expectRendered = 0;
        for (JsonNode c : get("/collections").json().path("collections")) {
            long n = c.path("featureCount").asLong();
            if (n > THRESHOLD) {
                expectTiled.add(c.path("id").asString());
            } else {
                expectRendered += n;
            }
        }
        assertThat(expectTiled).contains(LAYER);

        browser.driver().get(url("/?basemap=none&tileThreshold=" + THRESHOLD));
        WebDriverWait wait = new WebDriverWait(browser.driver(), Duration.ofSeconds(90));
        wait.until(d -> d.findElement(By.tagName("body")).getDomAttribute("data-ready") != null);
        assertThat(browser.driver().findElement(By.tagName("body")).getDomAttribute("data-ready"))
                .as(browser.driver().findElement(By.id("status")).getText()).isEqualTo("true");
        JavascriptExecutor js = browser.driver();
        @SuppressWarnings("unchecked")
        List<String> tiled = (List<String>) js.executeScript("return greenplan.tiledLayers()");
        assertThat(tiled).containsExactlyInAnyOrderElementsOf(expectTiled);
        assertThat(((Number) js.executeScript("return greenplan.renderedCount()")).longValue()).isEqualTo(expectRendered);
        assertThat(((Number) js.executeScript("return greenplan.featureCount('" + LAYER + "')")).longValue()).isEqualTo(30);
        assertThat(browser.driver().findElement(By.cssSelector("[data-layer-id='" + LAYER + "'] .count")).getText()).isEqualTo("30");

        // frame the test parcels: their tiles load as images from /tiles/
        js.executeScript("greenplan.map.setView([29.905, 119.505], 15, {animate: false})");
        wait.until(d -> ((Number) js.executeScript("""
                return [...document.querySelectorAll('img.leaflet-tile')]
                  .filter((img) => img.src.includes('/tiles/%s/') && img.complete && img.naturalWidth === 256).length
                """.formatted(LAYER))).intValue() > 0);
        BrowserSupport.screenshot(browser.driver(), "map-tiled");

        // click the middle of parcel 2-2: no vector feature is there, so the tiled layer is asked
        double lat = LAT0 + 2 * 0.004 + 0.001;
        double lon = LON0 + 2 * 0.004 + 0.001;
        WebElement mapElement = browser.driver().findElement(By.id("map"));
        Number x = (Number) js.executeScript("return greenplan.map.latLngToContainerPoint([" + lat + ", " + lon + "]).x");
        Number y = (Number) js.executeScript("return greenplan.map.latLngToContainerPoint([" + lat + ", " + lon + "]).y");
        new Actions(browser.driver()).moveToElement(mapElement, x.intValue() - mapElement.getSize().getWidth() / 2,
                y.intValue() - mapElement.getSize().getHeight() / 2).click().perform();
        // the popup opens at once and is filled when the identify request answers: wait for its text
        WebElement popup = wait.until(d -> {
            WebElement p = d.findElement(By.cssSelector(".leaflet-popup-content"));
            return p.getText().isBlank() ? null : p;
        });
        assertThat(popup.getText()).contains("居住用地 (Residential land)", "瓦片小区 2-2", "122");
        BrowserSupport.screenshot(browser.driver(), "map-tiled-identify");

        List<LogEntry> errors = browser.driver().manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertThat(errors).as("JavaScript console errors").isEmpty();
    }
}
