package org.greenplan.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import org.greenplan.ServerTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The workspace switcher in real headless Chromium: two workspaces, each with a park and residential land; the
 * page shows only the chosen workspace's layers and its numbers (park coverage 100 % in one, 0 % in the other),
 * opens the map on its extent, remembers the choice, and an admin creates a workspace from the page.
 */
class WorkspaceBrowserTest extends ServerTestSupport {

    private static final String NEAR = "t-wsb-near";
    private static final String FAR = "t-wsb-far";
    private static final String MADE = "t-wsb-made";

    @RegisterExtension
    final BrowserSession browser = new BrowserSession();
    private WebDriverWait wait;

    @BeforeEach
    void start() {
        wait = new WebDriverWait(browser.driver(), Duration.ofSeconds(180));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class); // the page reloads on a switch
        cleanUp();
        // NEAR: the residential block lies inside the park's 300 m; FAR: 5 km away from it
        town(NEAR, 113.000, 0.0005);
        town(FAR, 113.100, 0.05);
    }

    @AfterEach
    void cleanUp() {
        for (String ws : List.of(NEAR, FAR, MADE)) {
            send("DELETE", "/api/v1/workspaces/" + ws, ADMIN, null, null);
        }
    }

    @Test
    void switchingShowsOnlyThatWorkspacesLayersAndNumbers() {
        browser.driver().get(url("/?basemap=none&ws=" + NEAR));
        awaitReady();
        assertThat(layerIds()).containsExactlyInAnyOrder(NEAR + "-park", NEAR + "-res");
        assertThat(coverage()).isCloseTo(100.0, within(1e-6));
        JavascriptExecutor js = browser.driver();
        // the map opened on the workspace's extent
        assertThat((Boolean) js.executeScript("return greenplan.map.getBounds().contains([22.0005, 113.0005])")).isTrue();

        new Select(browser.driver().findElement(By.id("workspace"))).selectByValue(FAR);
        wait.until(d -> FAR.equals(bodyData("workspace")));
        awaitReady();
        assertThat(layerIds()).containsExactlyInAnyOrder(FAR + "-park", FAR + "-res");
        assertThat(coverage()).isCloseTo(0.0, within(1e-6));

        // remembered by this browser: the plain address opens FAR again
        browser.driver().get(url("/?basemap=none"));
        awaitReady();
        assertThat(bodyData("workspace")).isEqualTo(FAR);

        // zoom to layer: the map frames the residential block, 5 km from the park
        browser.driver().findElement(By.cssSelector("[data-layer-id='" + FAR + "-res'] .zoom-to-layer")).click();
        assertThat((Boolean) js.executeScript("return greenplan.map.getBounds().contains([22.0505, 113.1505])"
                + " && !greenplan.map.getBounds().contains([22.0005, 113.1005])")).isTrue();
        // the indicators these small towns lack layers for answer 422 (shown as unavailable on their cards)
        BrowserSupport.assertNoConsoleErrors(browser.driver(), "/indicators/");
    }

    @Test
    void anAdminCreatesAWorkspaceFromThePage() {
        browser.driver().get(url("/?basemap=none&ws=" + NEAR));
        awaitReady();
        ((JavascriptExecutor) browser.driver()).executeScript("sessionStorage.setItem('greenplan.analystToken', arguments[0])",
                ADMIN);
        browser.driver().findElement(By.id("workspace-new")).click();
        WebElement form = browser.driver().findElement(By.id("workspace-form"));
        form.findElement(By.name("id")).sendKeys(MADE);
        form.findElement(By.name("name")).sendKeys("新镇", Keys.ENTER);
        // the page reloads into the new workspace: read the body through script, which never holds a node of the
        // page being replaced (a WebElement of it can fail with "does not belong to the document")
        wait.until(d -> MADE.equals(bodyData("workspace")));
        awaitReady();
        assertThat(get("/api/v1/workspaces/" + MADE).json().path("name").asString()).isEqualTo("新镇");
        assertThat(layerIds()).isEmpty();
    }

    private void awaitReady() {
        wait.until(d -> "true".equals(bodyData("ready")));
    }

    private String bodyData(String name) {
        Object v = ((JavascriptExecutor) browser.driver()).executeScript(
                "return document.body ? document.body.getAttribute('data-' + arguments[0]) : null", name);
        return v == null ? null : v.toString();
    }

    private List<String> layerIds() {
        return browser.driver().findElements(By.cssSelector(".layer-entry")).stream()
                .map(e -> e.getDomAttribute("data-layer-id")).toList();
    }

    /** The dashboard card's park service coverage, as shown. */
    private double coverage() {
        WebElement toggle = browser.driver().findElement(By.id("dashboard-toggle"));
        toggle.sendKeys(Keys.ENTER);
        wait.until(d -> "true".equals(d.findElement(By.id("dashboard")).getDomAttribute("data-ready")));
        WebElement card = browser.driver().findElement(By.cssSelector(
                ".indicator-card[data-indicator-id='park_service_coverage'] .card-value"));
        return Double.parseDouble(card.getDomAttribute("data-value"));
    }

    /** A workspace with a 100 m park at (lon, 22.0) and a 100 m residential block {@code offset}° north-east of it. */
    private void town(String ws, double lon, double offset) {
        Reply c = send("POST", "/api/v1/workspaces", ADMIN, "application/json",
                "{\"id\":\"" + ws + "\",\"name\":\"" + ws + "\"}");
        assertThat(c.status()).as(c.body()).isEqualTo(201);
        upload(ws, ws + "-park", "park", lon, 22.0, "{\"name\":\"园\",\"class\":\"综合公园\"}");
        upload(ws, ws + "-res", "residential", lon + offset, 22.0 + offset, "{\"name\":\"区\",\"population\":1000}");
    }

    private void upload(String ws, String id, String kind, double lon, double lat, String properties) {
        double d = 0.001;
        Reply r = send("POST", "/api/v1/workspaces/" + ws + "/layers?name=" + id + "&kind=" + kind + "&id=" + id, ADMIN,
                "application/geo+json", """
                {"type":"FeatureCollection","features":[{"type":"Feature","properties":%s,
                 "geometry":{"type":"Polygon","coordinates":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}}]}
                """.formatted(properties, lon, lat, lon + d, lat, lon + d, lat + d, lon, lat + d, lon, lat));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }
}
