package org.greenplan.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import org.greenplan.ServerTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * The province view (province.html) in headless Chromium on a finished run written as the batch job writes it
 * (V34, as ProvinceApiTest does): the units ranked in the server's order, the choropleth's polygons filled by
 * the share of targets met, and a unit's polygon opening that unit's own dashboard (the demo town's admin area
 * by its code) whose card shows the API's value for that area.
 */
class ProvinceBrowserTest extends ServerTestSupport {

    /** Three of the demo town's admin areas: codes the demo workspace resolves. */
    private static final String EAST = "330110001002";
    private static final String WEST = "330110001201";
    private static final String THIRD = "330110001005";

    @RegisterExtension
    final BrowserSession browser = new BrowserSession();
    private WebDriverWait wait;
    private long run;

    @BeforeEach
    void aFinishedRun() {
        wait = new WebDriverWait(browser.driver(), Duration.ofSeconds(180));
        jdbc.update("DELETE FROM batch_run");
        run = jdbc.queryForObject("INSERT INTO batch_run (workspace_id, inputs, units_kind, target_set, target_year, "
                + "started_at, finished_at) VALUES (NULL, 'demo:abc', 'admin_area', 'zhejiang-beautiful-towns', 2025, "
                + "now(), now()) RETURNING id", Long.class);
        // EAST: both met (share 1); THIRD: one met, one without a value (1/2); WEST: both missed (0)
        unit(EAST, "东湖街道", 0, 95.0, 12.0);
        unit(WEST, "西溪村", 1, 50.0, 20.0);
        unit(THIRD, "南苑街道", 2, 99.0, null);
    }

    private void unit(String code, String name, int column, Double park, Double intensity) {
        double x = 119.92 + column * 0.02;
        jdbc.update("INSERT INTO batch_unit (run_id, code, name, level, geom) VALUES (?, ?, ?, 'town', "
                + "ST_Multi(ST_MakeEnvelope(?, 30.37, ?, 30.39, 4326)))", run, code, name, x, x + 0.018);
        row(code, "park_service_coverage", "euclidean", park, ">=", 90.0);
        row(code, "development_intensity", "", intensity, "<=", 13.0);
    }

    private void row(String code, String indicator, String mode, Double value, String cmp, double target) {
        String status = value == null ? "no_data" : (cmp.equals(">=") ? value >= target : value <= target) ? "met" : "gap";
        jdbc.update("INSERT INTO batch_result (run_id, unit_code, indicator, mode, value, measure, target_set, "
                + "target_year, target_comparator, target_value, status, computed_at) VALUES (?, ?, ?, ?, ?, '%', "
                + "'zhejiang-beautiful-towns', 2025, ?, ?, ?, now())", run, code, indicator, mode, value, cmp, target,
                status);
    }

    @Test
    void ranksTheUnitsColoursTheirPolygonsAndOpensAUnitsDashboard() throws Exception {
        browser.driver().get(url("/province.html"));
        wait.until(d -> d.findElement(By.tagName("body")).getDomAttribute("data-ready") != null);
        assertThat(browser.driver().findElement(By.tagName("body")).getDomAttribute("data-ready"))
                .as(browser.driver().findElement(By.id("province-status")).getText()).isEqualTo("true");

        // the table in the API's order: more targets met first, then fewer gaps
        JsonNode api = get("/api/v1/province").json().path("units");
        List<WebElement> rows = browser.driver().findElements(By.cssSelector("#province-table tbody tr"));
        assertThat(rows).extracting(r -> r.getDomAttribute("data-code")).containsExactly(EAST, THIRD, WEST);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).getDomAttribute("data-code")).isEqualTo(api.get(i).path("code").asString());
            List<WebElement> cells = rows.get(i).findElements(By.tagName("td"));
            assertThat(cells.get(0).getText()).isEqualTo(String.valueOf(i + 1));
            assertThat(cells.get(2).getText()).as("met").isEqualTo(api.get(i).path("met").asString());
            assertThat(cells.get(3).getText()).as("gaps").isEqualTo(api.get(i).path("gap").asString());
        }
        assertThat(rows.get(0).getText()).contains("东湖街道", "95.00%", "12.00%");
        assertThat(rows.get(1).findElement(By.cssSelector("td.no_data:last-child")).getText()).isEqualTo("—");

        // the choropleth: one SVG path per unit, filled by its share of targets met (1, 1/2, 0)
        assertThat(browser.driver().findElements(By.cssSelector("path.province-unit"))).hasSize(3);
        assertThat(fill(EAST)).isEqualTo("#2e7d32");
        assertThat(fill(THIRD)).isEqualTo("#f9a825");
        assertThat(fill(WEST)).isEqualTo("#c62828");
        BrowserSupport.screenshot(browser.driver(), "province");

        // a click on a unit's polygon opens its own dashboard, scoped to that admin area
        browser.driver().findElement(By.cssSelector("path.province-unit[data-code='" + EAST + "']")).click();
        wait.until(d -> d.getCurrentUrl().contains("area=" + EAST));
        wait.until(d -> "true".equals(d.findElement(By.id("dashboard")).getDomAttribute("data-ready")));
        Select area = new Select(browser.driver().findElement(By.id("dashboard-area")));
        assertThat(area.getFirstSelectedOption().getDomAttribute("value")).isEqualTo(EAST);
        assertThat(area.getFirstSelectedOption().getText()).isEqualTo("东湖街道");
        JsonNode park = get("/api/v1/indicators/park_service_coverage?area=" + EAST + "&targets=zhejiang-beautiful-towns")
                .json();
        JsonNode town = get("/api/v1/indicators/park_service_coverage?targets=zhejiang-beautiful-towns").json();
        assertThat(park.path("value").asDouble()).as("the unit is not the whole town")
                .isNotCloseTo(town.path("value").asDouble(), within(1e-6));
        String shown = browser.driver().findElement(By.cssSelector(
                ".indicator-card[data-indicator-id='park_service_coverage'] .card-value")).getDomAttribute("data-value");
        assertThat(Double.parseDouble(shown)).isCloseTo(park.path("value").asDouble(), within(1e-9));

        // and the map page links back to the province view
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        browser.driver().findElement(By.id("province-link")).click();
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready"))
                && d.getCurrentUrl().endsWith("/province.html"));
    }

    private String fill(String code) {
        return browser.driver().findElement(By.cssSelector("path.province-unit[data-code='" + code + "']"))
                .getDomAttribute("fill");
    }
}
