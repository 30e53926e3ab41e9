package org.greenplan.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.greenplan.ServerTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.Pdf;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.print.PageSize;
import org.openqa.selenium.print.PrintOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * The planner's dashboard, version comparison and printable report in headless Chromium, each number
 * checked against the API's JSON fetched beside the browser.
 */
class DashboardBrowserTest extends ServerTestSupport {

    private static final String TARGETS = "zhejiang-beautiful-towns";
    private static final String PLAN_LAYER = "t-web-plan-park";
    private static final String PARK = """
            {"type":"Feature","properties":{"name":"%s"},"geometry":{"type":"Polygon","coordinates":
             [[[%2$s,30.380],[%3$s,30.380],[%3$s,30.382],[%2$s,30.382],[%2$s,30.380]]]}}""";

    @RegisterExtension
    final BrowserSession browser = new BrowserSession();
    private WebDriverWait wait;

    @BeforeEach
    void start() throws Exception {
        wait = new WebDriverWait(browser.driver(), Duration.ofSeconds(180));
    }


    @Test
    void cardsShowTheApiValuesFollowTheYearAndDrawTheirGaps() throws Exception {
        browser.driver().get(url("/?basemap=none"));
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        WebElement toggle = browser.driver().findElement(By.id("dashboard-toggle"));
        assertThat(toggle.getText()).isEqualTo("指标看板");
        new Actions(browser.driver()).moveToElement(toggle).perform();
        toggle.sendKeys(Keys.ENTER); // keyboard: a real button in the top bar
        awaitDashboard();

        JsonNode catalogue = get("/api/v1/indicators").json().path("indicators");
        List<WebElement> cards = browser.driver().findElements(By.cssSelector(".indicator-card"));
        assertThat(cards).hasSize(catalogue.size());
        int withValue = 0;
        String ruleYear = null;
        for (JsonNode d : catalogue) {
            String id = d.path("id").asString();
            WebElement card = card(id);
            assertThat(card.findElement(By.className("card-name")).getText()).isEqualTo(d.path("name").path("zh").asString());
            // the dashboard picks no year: the server's one rule chooses it, as for the API without a year
            Reply r = get("/api/v1/indicators/" + id + "?targets=" + TARGETS);
            if (r.status() != 200) {
                assertThat(card.getDomAttribute("data-status")).as(id).isEqualTo("unavailable");
                continue;
            }
            JsonNode api = r.json();
            double shown = Double.parseDouble(card.findElement(By.className("card-value")).getDomAttribute("data-value"));
            assertThat(shown).as(id).isCloseTo(api.path("value").asDouble(), within(1e-9));
            String status = api.path("status").asString();
            assertThat(card.getDomAttribute("data-status")).as(id)
                    .isEqualTo(status.equals("met") || status.equals("gap") ? status : "none");
            if (api.path("target").isObject()) {
                WebElement target = card.findElement(By.className("card-target"));
                assertThat(Double.parseDouble(target.getDomAttribute("data-target-value")))
                        .isEqualTo(api.path("target").path("value").asDouble());
                assertThat(target.getDomAttribute("data-target-year")).isEqualTo(api.path("target").path("year").asString());
                assertThat(target.getDomAttribute("data-verified")).isEqualTo(String.valueOf(api.path("target").path("verified").asBoolean()));
                ruleYear = api.path("targetYear").path("year").asString();
                assertThat(Double.parseDouble(card.findElement(By.className("card-status")).getDomAttribute("data-distance")))
                        .isCloseTo(api.path("distanceToTarget").asDouble(), within(1e-9));
            }
            if (api.path("breakdown").size() > 0) {
                assertThat(card.findElements(By.cssSelector(".card-chart canvas"))).as(id + " bar chart").isNotEmpty();
            }
            // below target, the card names the requirement of the reported level that covers least (from the measures)
            String prefix = "category." + api.path("parameters").path("level").asString("15min") + ".";
            String weakest = null;
            double least = Double.MAX_VALUE;
            for (JsonNode m : api.path("measures")) {
                if (m.path("id").asString().startsWith(prefix) && m.path("value").asDouble() < least) {
                    least = m.path("value").asDouble();
                    weakest = m.path("id").asString().substring(prefix.length());
                }
            }
            WebElement limit = card.findElement(By.className("card-limit"));
            if (weakest != null && status.equals("gap") && least < 100) {
                assertThat(limit.getDomAttribute("data-category")).as(id).isEqualTo(weakest);
                assertThat(limit.getText()).as(id).startsWith("受制于").contains(zhCategory(weakest));
            } else {
                assertThat(limit.isDisplayed()).as(id + " names no category").isFalse();
            }
            if (id.equals("life_circle_coverage")) {
                assertThat(weakest).as("the demo's life circle has a category holding it down").isNotNull();
            }
            withValue++;
        }
        assertThat(withValue).isGreaterThanOrEqualTo(6);
        // the page says which year it compared (and why)
        WebElement status = browser.driver().findElement(By.className("dashboard-status"));
        assertThat(status.getDomAttribute("data-target-year")).isEqualTo(ruleYear);
        assertThat(status.getText()).contains(ruleYear).contains("距今最近的目标年份");
        BrowserSupport.screenshot(browser.driver(), "dashboard");

        // 2023: every card's target is the target set's 2023 value
        new Select(browser.driver().findElement(By.id("dashboard-year"))).selectByValue("2023");
        awaitDashboard();
        Map<String, Double> targets2023 = new HashMap<>();
        for (JsonNode set : get("/api/v1/targets").json().path("targetSets")) {
            if (set.path("id").asString().equals(TARGETS)) {
                for (JsonNode tg : set.path("targets")) {
                    if (tg.path("year").asInt() == 2023) {
                        targets2023.put(tg.path("indicator").asString(), tg.path("value").asDouble());
                    }
                }
            }
        }
        assertThat(targets2023).containsKey("park_service_coverage");
        for (var e : targets2023.entrySet()) {
            WebElement target = card(e.getKey()).findElement(By.className("card-target"));
            if (target.getDomAttribute("data-target-value") == null) {
                continue; // the indicator could not be computed (missing layer)
            }
            assertThat(Double.parseDouble(target.getDomAttribute("data-target-value"))).as(e.getKey()).isEqualTo(e.getValue());
            assertThat(target.getDomAttribute("data-target-year")).isEqualTo("2023");
        }
        assertThat(card("park_service_coverage").findElement(By.className("card-target")).getDomAttribute("data-target-value"))
                .isEqualTo("88");

        // one street/village: the cards follow, and the export button downloads the same numbers
        Select area = new Select(browser.driver().findElement(By.id("dashboard-area")));
        assertThat(area.getOptions().size()).isGreaterThan(2);
        String areaId = area.getOptions().get(1).getDomAttribute("value");
        area.selectByIndex(1);
        awaitDashboard();
        JsonNode inArea = get("/api/v1/indicators/park_service_coverage?targets=" + TARGETS + "&year=2023&area="
                + java.net.URLEncoder.encode(areaId, java.nio.charset.StandardCharsets.UTF_8)).json();
        double areaValue = Double.parseDouble(card("park_service_coverage").findElement(By.className("card-value"))
                .getDomAttribute("data-value"));
        assertThat(areaValue).isCloseTo(inArea.path("value").asDouble(), within(1e-9));
        String href = browser.driver().findElement(By.id("dashboard-export")).getDomProperty("href");
        assertThat(href).contains("/api/v1/workspaces/demo/indicators.csv?", "year=2023", "targets=" + TARGETS);
        String csv = get(href.substring(href.indexOf("/api/"))).body();
        String[] row = org.greenplan.api.IndicatorVersionsAndTableApiTest.rows(csv).get("park_service_coverage");
        assertThat(Double.parseDouble(row[5])).isCloseTo(areaValue, within(1e-6));
        assertThat(row[3]).isEqualTo(inArea.path("area").path("id").asString());
        // the buttons beside it download the filed reports of the same area, target set and year
        for (String format : new String[] {"docx", "pdf"}) {
            String report = browser.driver().findElement(By.id("dashboard-report-" + format)).getDomProperty("href");
            assertThat(report).contains("/api/v1/workspaces/demo/report." + format + "?", "year=2023", "targets=" + TARGETS,
                    "area=");
            Reply file = get(report.substring(report.indexOf("/api/")));
            assertThat(file.status()).as(report).isEqualTo(200);
            assertThat(file.contentType()).contains(format.equals("pdf") ? "application/pdf" : "wordprocessingml");
        }
        area.selectByValue("all");
        awaitDashboard();

        // a card reached with the keyboard shows its gaps, and the map fits them
        JavascriptExecutor js = browser.driver();
        WebElement coverage = card("park_service_coverage");
        js.executeScript("arguments[0].focus()", coverage);
        new Actions(browser.driver()).sendKeys(Keys.ENTER).perform();
        wait.until(d -> "park_service_coverage".equals(d.findElement(By.id("dashboard")).getDomAttribute("data-gaps-shown")));
        JsonNode gaps = get("/api/v1/indicators/park_service_coverage/gaps").json();
        assertThat(gaps.path("features").size()).isPositive();
        int located = 0;
        for (JsonNode f : gaps.path("features")) {
            located += f.path("properties").path("kind").asString().equals("gap") ? 0 : 1;
        }
        assertThat(((Number) js.executeScript("return greenplan.dashboard.gapFeatureCount()")).intValue())
                .isEqualTo(located > 0 ? located : gaps.path("features").size());
        assertThat((Boolean) js.executeScript("return greenplan.map.getBounds().pad(0.001)"
                + ".contains(greenplan.dashboard.gapLayer().getBounds())")).as("the map fits the gaps").isTrue();
        assertThat(js.executeScript("const p = greenplan.dashboard.gapLayer().getLayers()[0].options;"
                + "return p.fillColor")).isEqualTo("#e53935");
        BrowserSupport.screenshot(browser.driver(), "dashboard-gaps");

        // life circle: one red parcel per gap, its popup naming what is missing
        card("life_circle_coverage").click();
        wait.until(d -> "life_circle_coverage".equals(d.findElement(By.id("dashboard")).getDomAttribute("data-gaps-shown")));
        JsonNode lifeGaps = get("/api/v1/indicators/life_circle_coverage/gaps").json();
        List<JsonNode> parcels = new java.util.ArrayList<>();
        lifeGaps.path("features").forEach(f -> {
            if (f.path("properties").path("kind").asString().equals("missing_facilities")) {
                parcels.add(f);
            }
        });
        assertThat(parcels).isNotEmpty();
        assertThat(((Number) js.executeScript("return greenplan.dashboard.gapFeatureCount()")).intValue())
                .isEqualTo(parcels.size());
        js.executeScript("greenplan.dashboard.gapLayer().getLayers()[0].openPopup()");
        // a popup fades in, and Selenium reads no text while it is transparent: wait for the text
        WebElement popup = wait.until(d -> {
            WebElement p = d.findElement(By.cssSelector(".leaflet-popup-content .gap-popup"));
            return p.getText().isBlank() ? null : p;
        });
        JsonNode first = parcels.get(0).path("properties");
        String level = first.has("15min") ? "15min" : first.has("10min") ? "10min" : "5min";
        String category = first.path(level).get(0).asString();
        Map<String, String> zh = messages("zh");
        assertThat(popup.getText()).contains(zh.get("dashboard.category." + category), zh.get("dashboard.level." + level));
        BrowserSupport.screenshot(browser.driver(), "dashboard-life-circle-gaps");

        // a target not checked against its primary text is marked on its card; a checked one is not
        WebElement parkTarget = card("park_service_coverage").findElement(By.className("card-target"));
        assertThat(parkTarget.getText()).doesNotContain("未与原文核对");
        new Select(browser.driver().findElement(By.id("dashboard-targets"))).selectByValue("gb-55014-2021");
        awaitDashboard();
        parkTarget = card("park_service_coverage").findElement(By.className("card-target"));
        assertThat(parkTarget.getDomAttribute("data-verified")).isEqualTo("false");
        assertThat(parkTarget.getText()).contains("未与原文核对");
        assertThat(new Select(browser.driver().findElement(By.id("dashboard-year"))).getOptions())
                .extracting(o -> o.getDomAttribute("value")).containsExactly("", "2022");

        assertControlsAreLabelled("#dashboard");
        BrowserSupport.assertNoConsoleErrors(browser.driver());
    }

    @Test
    void theComparisonShowsBothVersionsOfAChangedLayer() throws Exception {
        String both = "{\"type\":\"FeatureCollection\",\"features\":[" + PARK.formatted("规划公园甲", "119.930", "119.932")
                + "," + PARK.formatted("规划公园乙", "119.940", "119.942") + "]}";
        String one = "{\"type\":\"FeatureCollection\",\"features\":[" + PARK.formatted("规划公园甲", "119.930", "119.932") + "]}";
        assertThat(send("POST", "/api/v1/layers?name=plan&kind=park&id=" + PLAN_LAYER, ANALYST, "application/geo+json", one)
                .status()).isEqualTo(201);
        try {
            assertThat(send("POST", "/api/v1/layers/" + PLAN_LAYER + "/versions", ANALYST, "application/geo+json", both)
                    .status()).isEqualTo(201);
            browser.driver().get(url("/?basemap=none&dashboard=open"));
            awaitDashboard();
            new Select(browser.driver().findElement(By.id("compare-layer"))).selectByValue(PLAN_LAYER);
            wait.until(d -> new Select(d.findElement(By.id("compare-after"))).getFirstSelectedOption().getDomAttribute("value").equals("2"));
            assertThat(new Select(browser.driver().findElement(By.id("compare-before"))).getFirstSelectedOption().getDomAttribute("value"))
                    .isEqualTo("1");
            browser.driver().findElement(By.id("compare-run")).click();
            wait.until(d -> "true".equals(d.findElement(By.id("compare")).getDomAttribute("data-ready")));

            String q = "/api/v1/indicators/park_area_per_capita?targets=" + TARGETS + "&year=2025&versions=" + PLAN_LAYER + ":";
            double v1 = get(q + "1").json().path("value").asDouble();
            double v2 = get(q + "2").json().path("value").asDouble();
            assertThat(v2).as("a second park adds park area per person").isGreaterThan(v1);
            WebElement row = browser.driver().findElement(By.cssSelector(".compare-table tr[data-indicator-id='park_area_per_capita']"));
            List<WebElement> values = row.findElements(By.className("compare-value"));
            assertThat(Double.parseDouble(values.get(0).getDomAttribute("data-value"))).isCloseTo(v1, within(1e-9));
            assertThat(Double.parseDouble(values.get(1).getDomAttribute("data-value"))).isCloseTo(v2, within(1e-9));
            assertThat(values.get(0).getText()).isNotEqualTo(values.get(1).getText());
            assertThat(Double.parseDouble(row.findElement(By.className("compare-change")).getDomAttribute("data-value")))
                    .isCloseTo(v2 - v1, within(1e-9));
            // every indicator that reads parks is compared, and none that does not
            assertThat(browser.driver().findElements(By.cssSelector(".compare-table tr[data-indicator-id]")).stream()
                    .map(e -> e.getDomAttribute("data-indicator-id")).toList())
                    .contains("park_service_coverage", "park_area_per_capita", "green_space_ratio")
                    .doesNotContain("sponge_city_share");
            js().executeScript("document.getElementById('compare').scrollIntoView()");
            BrowserSupport.screenshot(browser.driver(), "dashboard-compare");
            assertControlsAreLabelled("#compare");
            BrowserSupport.assertNoConsoleErrors(browser.driver());
        } finally {
            send("DELETE", "/api/v1/layers/" + PLAN_LAYER, ADMIN, null, null);
        }
    }

    @Test
    void theReportPageRendersTheTableAndPrintsOnAtMostTwoA4Pages() throws Exception {
        browser.driver().get(url("/report.html?targets=" + TARGETS + "&year=2027"));
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        JsonNode catalogue = get("/api/v1/indicators").json().path("indicators");
        List<WebElement> rows = browser.driver().findElements(By.cssSelector("#report-indicators tbody tr"));
        assertThat(rows).hasSize(catalogue.size());
        for (WebElement row : rows) {
            String id = row.getDomAttribute("data-indicator-id");
            Reply r = get("/api/v1/indicators/" + id + "?targets=" + TARGETS + "&year=2027");
            if (r.status() != 200) {
                continue;
            }
            double shown = Double.parseDouble(row.findElement(By.className("value")).getDomAttribute("data-value"));
            assertThat(shown).as(id).isCloseTo(r.json().path("value").asDouble(), within(1e-9));
        }
        assertThat(browser.driver().findElement(By.cssSelector("tr[data-indicator-id='park_service_coverage'] .target")).getText())
                .contains(">= 92", "2027");
        assertThat(browser.driver().findElement(By.id("report-meta")).getText()).contains("2027（所选目标年份）");
        assertThat(browser.driver().findElements(By.cssSelector("#report-map .leaflet-overlay-pane path"))).as("map shapes").isNotEmpty();
        BrowserSupport.screenshot(browser.driver(), "report");

        PrintOptions print = new PrintOptions();
        print.setPageSize(new PageSize(29.7, 21.0));
        print.setBackground(true);
        Pdf pdf = browser.driver().print(print);
        byte[] bytes = Base64.getDecoder().decode(pdf.getContent());
        Path out = Path.of("target", "screenshots", "report.pdf");
        Files.createDirectories(out.getParent());
        Files.write(out, bytes);
        Matcher pages = Pattern.compile("/Type\\s*/Page(?![s\\w])").matcher(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1));
        int count = 0;
        while (pages.find()) {
            count++;
        }
        assertThat(count).as("A4 pages in the printed PDF").isBetween(1, 2);
        BrowserSupport.assertNoConsoleErrors(browser.driver());
    }

    @Test
    void englishShowsEnglishLabelsOnTheDashboardAndTheReport() throws Exception {
        browser.driver().get(url("/?basemap=none&lang=en&dashboard=open"));
        awaitDashboard();
        Map<String, String> en = messages("en");
        assertThat(browser.driver().findElement(By.id("dashboard-toggle")).getText()).isEqualTo(en.get("dashboard.open"));
        assertThat(browser.driver().findElement(By.id("dashboard-title")).getText()).isEqualTo(en.get("dashboard.title"));
        assertThat(browser.driver().findElement(By.cssSelector("label:has(#dashboard-year) span")).getText()).isEqualTo(en.get("dashboard.year"));
        assertThat(browser.driver().findElement(By.id("dashboard-export")).getText()).isEqualTo(en.get("dashboard.export"));
        assertThat(card("park_service_coverage").findElement(By.className("card-name")).getText())
                .isEqualTo("Park service-radius coverage");
        assertThat(card("park_service_coverage").findElement(By.className("card-target")).getText()).startsWith("Target >=");
        // labels, headings and buttons are English (area and layer names are data, in Chinese)
        for (WebElement label : browser.driver().findElements(By.cssSelector(
                "#dashboard .dashboard-field > span, #dashboard button, #dashboard a, #dashboard h2, #dashboard h3, "
                        + "#dashboard .card-target, #dashboard .card-status, #dashboard .dashboard-status"))) {
            assertThat(label.getText()).as("English label").doesNotContainPattern("[\\u4e00-\\u9fff]");
        }
        BrowserSupport.screenshot(browser.driver(), "dashboard-en");
        BrowserSupport.assertNoConsoleErrors(browser.driver());

        browser.driver().get(url("/report.html?lang=en&targets=" + TARGETS + "&year=2025"));
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        assertThat(browser.driver().findElement(By.id("report-title")).getText()).isEqualTo(en.get("report.heading"));
        assertThat(browser.driver().findElement(By.cssSelector("#report-indicators th")).getText()).isEqualTo(en.get("report.col.indicator"));
        BrowserSupport.screenshot(browser.driver(), "report-en");
        BrowserSupport.assertNoConsoleErrors(browser.driver());

        // the console check itself catches an uncaught exception and a console.error
        js().executeScript("setTimeout(() => { throw new Error('planted failure'); }); console.error('planted message');");
        Thread.sleep(200);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BrowserSupport.assertNoConsoleErrors(browser.driver()))
                .isInstanceOf(AssertionError.class).hasMessageContaining("planted failure").hasMessageContaining("planted message");
    }

    private static String zhCategory(String key) {
        return new tools.jackson.databind.ObjectMapper().readTree(Path.of("web/i18n/zh.json").toFile())
                .path("dashboard.category." + key).asString();
    }

    private void awaitDashboard() {
        wait.until(d -> "true".equals(d.findElement(By.id("dashboard")).getDomAttribute("data-ready")));
    }

    private WebElement card(String id) {
        return browser.driver().findElement(By.cssSelector(".indicator-card[data-indicator-id='" + id + "']"));
    }

    private JavascriptExecutor js() {
        return browser.driver();
    }

    private Map<String, String> messages(String lang) {
        Map<String, String> m = new HashMap<>();
        get("/i18n/" + lang + ".json").json().properties().forEach(e -> m.put(e.getKey(), e.getValue().asString()));
        return m;
    }

    /** Every select, input and button inside has an accessible name: a wrapping label, aria-label or text. */
    private void assertControlsAreLabelled(String scope) {
        @SuppressWarnings("unchecked")
        List<String> unlabelled = (List<String>) js().executeScript("""
                return [...document.querySelectorAll(arguments[0] + ' select, ' + arguments[0] + ' input, ' + arguments[0] + ' button')]
                  .filter(e => !(e.closest('label')?.textContent.trim() || e.getAttribute('aria-label') || e.textContent.trim()))
                  .map(e => e.outerHTML.slice(0, 80));""", scope);
        assertThat(unlabelled).as("controls without a label").isEmpty();
    }
}
