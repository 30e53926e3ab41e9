package org.greenplan.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.greenplan.ServerTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * 补短板 in real headless Chromium on a copy of the demo town without its roads (so straight-line mode, as asked
 * below too) and with a third of its parks, in its own workspace since the run creates a scenario: the park coverage card, below the 美丽城镇 target,
 * offers 补短板; the dialog asks for 3 new large parks from a coarse grid over the 城镇开发边界 (a small candidate
 * count); the job's progress ends in the sites on the map numbered 1, 2, 3 in the order added, the coverage curve,
 * the excluded candidates per control line — each equal to the job's result read through the API — and the button
 * opening the created scenario, whose park card then shows the coverage the optimiser predicted (1e-9).
 */
class SitingBrowserTest extends ServerTestSupport {

    private static final String WS = "t-siting-web";
    /** The demo layers the siting reads; no road layer, so everything is measured in straight lines. */
    private static final Set<String> KINDS = Set.of("admin_area", "built_up_area", "town_development_boundary",
            "ecological_red_line", "permanent_farmland", "residential", "park", "facility");

    @RegisterExtension
    final BrowserSession browser = new BrowserSession();
    private WebDriverWait wait;

    @BeforeEach
    void town() throws IOException {
        wait = new WebDriverWait(browser.driver(), Duration.ofSeconds(180));
        cleanUp();
        assertThat(send("POST", "/api/v1/workspaces", ADMIN, "application/json",
                "{\"id\":\"" + WS + "\",\"name\":\"补短板演示\"}").status()).isEqualTo(201);
        Path demo = Path.of("gis-data/demo");
        for (JsonNode l : JSON.readTree(Files.readString(demo.resolve("layers.json"))).get("layers")) {
            if (!KINDS.contains(l.get("kind").asString())) {
                continue;
            }
            String body = Files.readString(demo.resolve(l.get("file").asString()));
            if (l.get("kind").asString().equals("park")) {
                body = everyThird(body);
            }
            Reply up = send("POST", "/api/v1/workspaces/" + WS + "/layers?name=" + l.get("id").asString() + "&kind="
                    + l.get("kind").asString() + "&id=" + l.get("id").asString(), ADMIN, "application/geo+json", body);
            assertThat(up.status()).as(up.body()).isEqualTo(201);
        }
    }

    /**
     * A third of the demo's parks: with all of them its park coverage in straight lines meets the 美丽城镇 target, and
     * the town to fix is one short of parks.
     */
    private static String everyThird(String geoJson) {
        JsonNode fc = JSON.readTree(geoJson);
        tools.jackson.databind.node.ArrayNode kept = JSON.createArrayNode();
        for (int i = 0; i < fc.get("features").size(); i += 3) {
            kept.add(fc.get("features").get(i));
        }
        tools.jackson.databind.node.ObjectNode out = JSON.createObjectNode();
        out.put("type", "FeatureCollection");
        out.set("features", kept);
        return out.toString();
    }

    @AfterEach
    void cleanUp() {
        send("DELETE", "/api/v1/workspaces/" + WS, ADMIN, null, null);
    }

    @Test
    void parkCoverageBelowTargetFindsNumberedSitesDrawsTheCurveAndOpensTheScenario() throws IOException {
        JsonNode before = get("/api/v1/workspaces/" + WS + "/indicators/park_service_coverage?targets="
                + "zhejiang-beautiful-towns").json();
        assertThat(before.path("status").asString()).as("the demo town's park coverage is below target").isEqualTo("gap");
        assertThat(before.path("mode").asString()).isEqualTo("euclidean");

        browser.driver().get(url("/?basemap=none&ws=" + WS));
        JavascriptExecutor js = browser.driver();
        js.executeScript("sessionStorage.setItem('greenplan.analystToken', arguments[0])", ANALYST);
        browser.driver().get(url("/?basemap=none&ws=" + WS + "&dashboard=open"));
        wait.until(d -> d.findElement(By.id("scenario-toggle")).isDisplayed());
        browser.driver().findElement(By.id("scenario-toggle")).click();
        wait.until(d -> "true".equals(d.findElement(By.id("scenario-bar")).getDomAttribute("data-ready")));
        awaitCards();

        // only the cards the siting can raise, and only below target, offer 补短板
        for (WebElement card : browser.driver().findElements(By.cssSelector(".indicator-card"))) {
            String id = card.getDomAttribute("data-indicator-id");
            boolean offered = card.findElement(By.className("card-siting")).isDisplayed();
            boolean expected = List.of("park_service_coverage", "life_circle_coverage").contains(id)
                    && "gap".equals(card.getDomAttribute("data-status"));
            assertThat(offered).as(id).isEqualTo(expected);
        }
        WebElement fix = card("park_service_coverage").findElement(By.className("card-siting"));
        assertThat(fix.getText()).isEqualTo("补短板");
        fix.click();
        WebElement dialog = browser.driver().findElement(By.id("siting-dialog"));
        wait.until(d -> dialog.isDisplayed());
        // the target is the card's (90 % in 2025), offered by default
        assertThat(Double.parseDouble(browser.driver().findElement(By.id("siting-goal-value")).getDomProperty("value")))
                .isEqualTo(before.path("target").path("value").asDouble());
        new Select(browser.driver().findElement(By.id("siting-goal"))).selectByValue("sites");
        setValue("siting-goal-value", "3");
        setValue("siting-spacing", "400");
        new Select(browser.driver().findElement(By.id("siting-mode"))).selectByValue("euclidean");
        browser.driver().findElement(By.id("siting-run")).click();
        wait.until(d -> Set.of("succeeded", "failed", "cancelled").contains(dialog.getDomAttribute("data-state")));
        assertThat(dialog.getDomAttribute("data-state")).as(text("siting-status")).isEqualTo("succeeded");

        // the page shows what the job's result says
        JsonNode job = get("/api/v1/workspaces/" + WS + "/siting/" + dialog.getDomAttribute("data-job"),
                "Authorization", "Bearer " + ANALYST).json();
        JsonNode result = job.path("result");
        assertThat(job.path("request").path("mode").asString()).isEqualTo("euclidean");
        assertThat(result.path("candidates").asInt()).as("a small candidate count").isBetween(3, 300);
        int sites = result.path("sites").path("features").size();
        assertThat(sites).isEqualTo(3);
        assertThat(dialog.getDomAttribute("data-sites")).isEqualTo("3");
        List<String> numbers = browser.driver().findElements(By.cssSelector(".siting-number")).stream()
                .map(WebElement::getText).toList();
        assertThat(numbers).containsExactly("1", "2", "3");
        assertThat(browser.driver().findElements(By.cssSelector("#siting-curve canvas"))).as("the coverage curve").isNotEmpty();
        // the curve drawn is the result's: today's coverage, then after each site
        List<Object> drawn = castList(js.executeScript("return greenplan.siting.chart().getOption().series[0].data"));
        assertThat(drawn).hasSize(sites + 1);
        for (int i = 0; i <= sites; i++) {
            assertThat(((Number) drawn.get(i)).doubleValue()).isEqualTo(result.path("curve").get(i).asDouble());
        }
        List<WebElement> excluded = browser.driver().findElements(By.cssSelector("#siting-excluded li[data-reason]"));
        assertThat(excluded).hasSize(result.path("excluded").size());
        for (WebElement li : excluded) {
            assertThat(Integer.parseInt(li.getDomAttribute("data-count"))).as(li.getText())
                    .isEqualTo(result.path("excluded").path(li.getDomAttribute("data-reason")).asInt());
        }
        assertThat(result.path("excluded").size()).as("the demo's control lines exclude candidates").isPositive();
        assertThat(text("siting-summary")).contains("新建 3 处");
        double predicted = result.path("coverage").asDouble();
        assertThat(Double.parseDouble(dialog.getDomAttribute("data-coverage"))).isEqualTo(predicted);
        assertThat(predicted).isGreaterThan(before.path("value").asDouble());
        BrowserSupport.screenshot(browser.driver(), "siting");

        // the scenario holding the sites: opened from the dialog, the park card shows the predicted coverage
        String scenario = result.path("scenario").asString();
        assertThat(dialog.getDomAttribute("data-scenario")).isEqualTo(scenario);
        browser.driver().findElement(By.id("siting-open-scenario")).click();
        wait.until(d -> scenario.equals(d.findElement(By.id("scenario-bar")).getDomAttribute("data-scenario")));
        wait.until(d -> card("park_service_coverage").findElement(By.className("card-compare")).isDisplayed());
        awaitCards();
        double shown = Double.parseDouble(card("park_service_coverage").findElement(By.className("card-compare"))
                .getDomAttribute("data-scenario"));
        assertThat(shown).as("the indicator on the scenario equals the optimiser's prediction").isCloseTo(predicted,
                within(1e-9));
        BrowserSupport.assertNoConsoleErrors(browser.driver(), "/indicators/");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> castList(Object o) {
        return (List<Object>) o;
    }

    private void awaitCards() {
        wait.until(d -> "true".equals(d.findElement(By.id("dashboard")).getDomAttribute("data-ready")));
    }

    private WebElement card(String id) {
        return browser.driver().findElement(By.cssSelector(".indicator-card[data-indicator-id='" + id + "']"));
    }

    private String text(String id) {
        return browser.driver().findElement(By.id(id)).getText();
    }

    private void setValue(String id, String value) {
        WebElement input = browser.driver().findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }
}
