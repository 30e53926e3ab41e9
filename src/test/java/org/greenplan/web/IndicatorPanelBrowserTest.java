package org.greenplan.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.greenplan.ServerTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/** The map page's indicator panel in headless Chromium: values vs targets as the API gives them, gap toggle. */
class IndicatorPanelBrowserTest extends ServerTestSupport {

    private ChromeDriver driver;

    @BeforeEach
    void start() throws Exception {
        driver = BrowserSupport.start();
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void showsValueAgainstTargetAndDrawsTheGapsOnRequest() throws Exception {
        driver.get(url("/?basemap=none"));
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(120));
        wait.until(d -> "true".equals(d.findElement(By.id("indicator-panel")).getDomAttribute("data-ready")));

        JsonNode api = get("/api/v1/indicators/park_service_coverage?targets=zhejiang-beautiful-towns").json();
        WebElement row = driver.findElement(By.cssSelector("[data-indicator-id='park_service_coverage']"));
        assertThat(row.getText()).contains("公园绿地服务半径覆盖率", "Park service-radius coverage");
        double shown = Double.parseDouble(row.findElement(By.className("indicator-value")).getDomAttribute("data-value"));
        assertThat(shown).isCloseTo(api.path("value").asDouble(), within(1e-9));
        assertThat(row.findElement(By.className("indicator-target")).getText())
                .contains(">= " + api.path("target").path("value").asInt(), String.valueOf(api.path("target").path("year").asInt()));
        assertThat(row.getDomAttribute("data-status")).isEqualTo(api.path("status").asString());
        assertThat(driver.findElements(By.cssSelector(".indicator-row"))).hasSize(8);

        JavascriptExecutor js = driver;
        WebElement toggle = row.findElement(By.cssSelector(".indicator-gaps input"));
        toggle.click();
        wait.until(d -> ((Number) js.executeScript("return greenplan.gapFeatureCount('park_service_coverage')")).intValue() > 0);
        js.executeScript("greenplan.map.fitBounds(greenplan.layers.get('demo-built-up-area').leaflet.getBounds(), {animate: false})");
        Thread.sleep(300);
        BrowserSupport.screenshot(driver, "indicator-gaps");
        toggle.click();
        assertThat(((Number) js.executeScript("return greenplan.gapFeatureCount('park_service_coverage')")).intValue()).isZero();

        List<LogEntry> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertThat(errors).as("JavaScript console errors").isEmpty();
    }
}
