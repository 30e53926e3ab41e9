package org.greenplan.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import javax.imageio.ImageIO;
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

/** The map page in real headless Chromium against the real server and PostGIS. */
class MapPageBrowserTest extends ServerTestSupport {

    private static final String PARK = "t-browser-park";
    private static final String PARK_NAME = "浏览器测试公园";
    @RegisterExtension
    final BrowserSession browser = new BrowserSession();

    @BeforeEach
    void start() throws Exception {
        if (jdbc.queryForObject("SELECT count(*) FROM layer WHERE id = ?", Long.class, PARK) == 0) {
            // a 2 km square park south-west of everything else, so a click on its centre can only hit it
            Reply r = send("POST", "/api/v1/layers?name=测试公园图层&kind=park&id=" + PARK, ADMIN, "application/geo+json", """
                    {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"%s","class":"综合公园"},
                     "geometry":{"type":"Polygon","coordinates":[[[119.70,30.10],[119.72,30.10],[119.72,30.12],[119.70,30.12],[119.70,30.10]]]}}]}
                    """.formatted(PARK_NAME));
            assertThat(r.status()).as(r.body()).isEqualTo(201);
        }
    }


    @Test
    void showsEveryLayerDrawsItsFeaturesAndIdentifiesOnClick() throws Exception {
        JsonNode collections = get("/collections").json().path("collections");
        long expectedFeatures = 0;
        for (JsonNode c : collections) {
            expectedFeatures += c.path("featureCount").asLong();
        }

        browser.driver().get(url("/?basemap=none"));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(90)).until(d -> {
            String ready = d.findElement(By.tagName("body")).getDomAttribute("data-ready");
            return ready != null;
        });
        assertThat(browser.driver().findElement(By.tagName("body")).getDomAttribute("data-ready"))
                .as(browser.driver().findElement(By.id("status")).getText()).isEqualTo("true");

        // every collection is listed by kind (Chinese, English in brackets) and name, with its feature count
        List<WebElement> entries = browser.driver().findElements(By.cssSelector(".layer-entry"));
        assertThat(entries).hasSize(collections.size());
        for (JsonNode c : collections) {
            WebElement entry = browser.driver().findElement(By.cssSelector("[data-layer-id='" + c.path("id").asString() + "']"));
            assertThat(entry.getText()).contains(c.path("kindName").path("zh").asString() + " ("
                    + c.path("kindName").path("en").asString() + ")", c.path("title").asString());
            assertThat(entry.findElement(By.className("count")).getText())
                    .isEqualTo(String.valueOf(c.path("featureCount").asLong()));
        }
        JavascriptExecutor js = browser.driver();
        assertThat(((Number) js.executeScript("return greenplan.renderedCount()")).longValue()).isEqualTo(expectedFeatures);

        // the canvas really holds drawn features: count map pixels that are not the empty background,
        // framed on the demo town (the test's own park lies far to the south-west)
        js.executeScript("greenplan.map.fitBounds(greenplan.layers.get('demo-built-up-area').leaflet.getBounds(),"
                + " {animate: false})");
        Thread.sleep(500);
        byte[] png = BrowserSupport.screenshot(browser.driver(), "map-page");
        WebElement mapElement = browser.driver().findElement(By.id("map"));
        assertThat(drawnShare(png, mapElement)).as("share of map pixels drawn").isGreaterThan(0.01);

        // toggling a layer off removes its features from the map
        WebElement parkBox = browser.driver().findElement(By.cssSelector("[data-layer-id='" + PARK + "'] input"));
        parkBox.click();
        assertThat(((Number) js.executeScript("return greenplan.renderedCount()")).longValue())
                .isEqualTo(expectedFeatures - 1);
        parkBox.click();

        // identify: click the middle of the test park and read its attributes in the popup
        js.executeScript("greenplan.map.setView([30.11, 119.71], 14, {animate: false})");
        Thread.sleep(300);
        Number x = (Number) js.executeScript("return greenplan.map.latLngToContainerPoint([30.11, 119.71]).x");
        Number y = (Number) js.executeScript("return greenplan.map.latLngToContainerPoint([30.11, 119.71]).y");
        int dx = x.intValue() - mapElement.getSize().getWidth() / 2;
        int dy = y.intValue() - mapElement.getSize().getHeight() / 2;
        new Actions(browser.driver()).moveToElement(mapElement, dx, dy).click().perform();
        WebElement popup = new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                .until(d -> d.findElement(By.cssSelector(".leaflet-popup-content")));
        assertThat(popup.getText()).contains("公园绿地 (Park)", PARK_NAME, "综合公园");
        BrowserSupport.screenshot(browser.driver(), "map-identify");

        List<LogEntry> errors = browser.driver().manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertThat(errors).as("JavaScript console errors").isEmpty();
    }

    private static double drawnShare(byte[] png, WebElement mapElement) throws Exception {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        int x0 = mapElement.getLocation().getX();
        int y0 = mapElement.getLocation().getY();
        int w = Math.min(mapElement.getSize().getWidth(), img.getWidth() - x0);
        int h = Math.min(mapElement.getSize().getHeight(), img.getHeight() - y0);
        int background = 0xeef2ee;
        long drawn = 0;
        for (int y = y0; y < y0 + h; y += 2) {
            for (int x = x0; x < x0 + w; x += 2) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                int d = Math.abs(((rgb >> 16) & 255) - ((background >> 16) & 255))
                        + Math.abs(((rgb >> 8) & 255) - ((background >> 8) & 255))
                        + Math.abs((rgb & 255) - (background & 255));
                if (d > 40) {
                    drawn++;
                }
            }
        }
        return drawn / (double) ((w / 2) * (h / 2));
    }
}
