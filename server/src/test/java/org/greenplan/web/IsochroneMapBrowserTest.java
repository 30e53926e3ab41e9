package org.greenplan.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.greenplan.ServerTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The map page's isochrone tool in real headless Chromium: click a point, see three rings and the facilities. */
class IsochroneMapBrowserTest extends ServerTestSupport {

    @RegisterExtension
    final BrowserSession browser = new BrowserSession();



    @Test
    void clickAPointAndSeeTheThreeRingsWithTheFacilitiesInside() throws Exception {
        browser.driver().get(url("/?basemap=none"));
        WebDriverWait wait = new WebDriverWait(browser.driver(), Duration.ofSeconds(90));
        wait.until(d -> d.findElement(By.tagName("body")).getDomAttribute("data-ready") != null);
        assertThat(browser.driver().findElement(By.tagName("body")).getDomAttribute("data-ready")).isEqualTo("true");

        WebElement toggle = browser.driver().findElement(By.id("isochrone-toggle"));
        // the panel's labels come from the message file (walk.*), not from the script
        assertThat(toggle.getText()).isEqualTo(MapToolsBrowserTest.message("zh", "walk.pick"));
        assertThat(browser.driver().findElement(By.cssSelector(".isochrone-tool h3")).getText())
                .isEqualTo(MapToolsBrowserTest.message("zh", "walk.title"));
        toggle.click();
        assertThat(toggle.getDomAttribute("aria-pressed")).isEqualTo("true");

        // click beside 凤凰幼儿园 (a demo kindergarten on a street in the town centre)
        clickAt(30.399039, 119.959703, 15);
        wait.until(d -> "ready".equals(d.findElement(By.tagName("body")).getDomAttribute("data-isochrone"))
                || "error".equals(d.findElement(By.tagName("body")).getDomAttribute("data-isochrone")));
        WebElement panel = browser.driver().findElement(By.id("isochrone-panel"));
        assertThat(browser.driver().findElement(By.tagName("body")).getDomAttribute("data-isochrone")).as(panel.getText())
                .isEqualTo("ready");
        JavascriptExecutor js = browser.driver();
        assertThat(((Number) js.executeScript("return greenplan.isochrones.ringCount()")).intValue()).isEqualTo(3);
        long facilities = ((Number) js.executeScript("return greenplan.isochrones.facilityCount()")).longValue();
        assertThat(facilities).isGreaterThan(3);
        // one block per ring, the facilities listed under the smallest ring holding them
        List<WebElement> rings = browser.driver().findElements(By.cssSelector(".isochrone-ring"));
        assertThat(rings).hasSize(3);
        assertThat(rings.get(0).getText()).contains("5 分钟", "300 m", "凤凰幼儿园");
        assertThat(browser.driver().findElement(By.cssSelector("#isochrone-panel .hint")).getText())
                .isEqualTo(MapToolsBrowserTest.message("zh", "walk.offset").replace("{metres}",
                        String.valueOf(((Number) js.executeScript("return greenplan.isochrones.last().origins[0].offsetMetres"))
                                .doubleValue()).replaceAll("\\.0$", "")));
        assertThat(rings.get(2).getText()).contains("15 分钟", "1000 m");
        long listed = browser.driver().findElements(By.cssSelector(".isochrone-ring li")).size();
        assertThat(listed).isEqualTo(facilities);
        // the rings are drawn: SVG paths in the isochrone pane (3 rings + facilities + the start point)
        long paths = ((Number) js.executeScript(
                "return document.querySelectorAll('.leaflet-isochrones-pane path').length")).longValue();
        assertThat(paths).isEqualTo(3 + facilities + 1);
        // no identify popup while picking
        assertThat(browser.driver().findElements(By.cssSelector(".leaflet-popup-content"))).isEmpty();
        BrowserSupport.screenshot(browser.driver(), "map-isochrones");

        // a point far from every street: the reason is shown, nothing is drawn
        browser.driver().findElement(By.id("isochrone-clear")).click();
        clickAt(30.36, 119.85, 14);
        wait.until(d -> "error".equals(d.findElement(By.tagName("body")).getDomAttribute("data-isochrone")));
        assertThat(panel.getText()).contains("500 m");
        assertThat(((Number) js.executeScript(
                "return document.querySelectorAll('.leaflet-isochrones-pane path').length")).longValue()).isZero();

        List<LogEntry> errors = browser.driver().manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .filter(e -> !e.getMessage().contains("/isochrones")) // the 422 of the far point
                .toList();
        assertThat(errors).as("JavaScript console errors").isEmpty();
    }

    private void clickAt(double lat, double lon, int zoom) throws InterruptedException {
        JavascriptExecutor js = browser.driver();
        js.executeScript("greenplan.map.setView([arguments[0], arguments[1]], arguments[2], {animate: false})", lat, lon,
                zoom);
        Thread.sleep(300);
        WebElement mapElement = browser.driver().findElement(By.id("map"));
        Number x = (Number) js.executeScript("return greenplan.map.latLngToContainerPoint([arguments[0], arguments[1]]).x",
                lat, lon);
        Number y = (Number) js.executeScript("return greenplan.map.latLngToContainerPoint([arguments[0], arguments[1]]).y",
                lat, lon);
        int dx = x.intValue() - mapElement.getSize().getWidth() / 2;
        int dy = y.intValue() - mapElement.getSize().getHeight() / 2;
        new Actions(browser.driver()).moveToElement(mapElement, dx, dy).click().perform();
    }
}
