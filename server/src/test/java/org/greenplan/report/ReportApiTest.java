package org.greenplan.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.greenplan.ServerTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The filed reports over real HTTP on the demo town: the Word file passes {@code unzip -t} (the real binary) and
 * the PDF parses (PDFBox), both hold the figures the indicator API gives for the same query, in Chinese too,
 * and rendering again gives the same bytes. The comparison layout is checked with two admin areas (two result
 * sets computable today; a scenario and its baseline take the same path).
 */
class ReportApiTest extends ServerTestSupport {

    private static final String WS = "/api/v1/workspaces/demo";
    private static final String QUERY = "targets=zhejiang-beautiful-towns&year=2025";
    private static final String EAST = "330110001002"; // 东湖街道
    private static final String SOUTH = "330110001005"; // 南苑街道

    private record Download(int status, String contentType, String disposition, byte[] body) {
    }

    private Download download(String path) {
        try {
            HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url(path))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Download(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
                    r.headers().firstValue("Content-Disposition").orElse(""), r.body());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Each computable indicator's value as the API gives it for the query, printed as the report prints it. */
    private List<String> figures(String query) {
        List<String> out = new ArrayList<>();
        for (JsonNode d : get(WS + "/indicators").json().path("indicators")) {
            Reply r = get(WS + "/indicators/" + d.path("id").asString() + "?" + query);
            if (r.status() == 200 && r.json().path("value").isNumber()) {
                out.add(String.format(Locale.ROOT, "%.2f", r.json().path("value").asDouble()));
            }
        }
        assertThat(out).as("indicators with a value on the demo town").hasSizeGreaterThanOrEqualTo(5);
        return out;
    }

    /** The coverage indicators that count people, whose 覆盖人口 row the reports print. */
    private static final List<String> RESIDENT_INDICATORS = List.of("park_service_coverage", "life_circle_coverage");

    /**
     * Residents covered / residents (share) of one indicator as the API's measure gives it, printed as the
     * report prints it, without spaces (the PDF wraps the cell at them).
     */
    private String residents(String indicatorPath) {
        JsonNode covered = null;
        for (JsonNode m : get(indicatorPath).json().path("measures")) {
            if (m.path("id").asString().equals("residents_covered")) {
                covered = m;
            }
        }
        assertThat(covered).as(indicatorPath + " residents_covered").isNotNull();
        double n = covered.path("numerator").asDouble();
        double d = covered.path("denominator").asDouble();
        assertThat(d).as("the demo town's residents").isGreaterThan(100_000);
        return Math.round(n) + "/" + Math.round(d) + "（" + String.format(Locale.ROOT, "%.2f", 100 * n / d) + "%）";
    }

    private static String squeezed(String text) {
        return text.replaceAll("\\s+", "");
    }

    @Test
    void theWordReportIsAValidZipHoldingTheApisFiguresAndIsByteIdenticalWhenRenderedAgain() throws Exception {
        Download first = download(WS + "/report.docx?" + QUERY);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.contentType()).startsWith("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(first.disposition()).contains("attachment").contains(".docx");

        Path file = Files.createTempFile("greenplan-report", ".docx");
        try {
            Files.write(file, first.body());
            Process unzip = new ProcessBuilder("unzip", "-t", file.toString()).redirectErrorStream(true).start();
            String out = new String(unzip.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(unzip.waitFor()).as(out).isZero();
            assertThat(out).contains("No errors detected").contains("word/document.xml").contains("word/media/");
        } finally {
            Files.delete(file);
        }

        String text;
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(first.body()));
                XWPFWordExtractor words = new XWPFWordExtractor(doc)) {
            text = words.getText();
            assertThat(doc.getAllPictures()).as("maps").hasSizeGreaterThanOrEqualTo(2);
            assertThat(doc.getProperties().getCoreProperties().getIdentifier()).startsWith("sha256:");
        }
        assertThat(text).contains(figures(QUERY));
        // each target with its document (status, year) and the policy file and line it was read from
        assertThat(text).contains("公园绿地服务半径覆盖率", "二次征求意见稿", "征求意见稿 draft，2023",
                "[003_b446952e8e6ef788.txt:142]", "demo-park", "SHA-256");
        // which year is compared and why
        assertThat(text).contains("目标年份 Target year", "2025（所选目标年份");
        assertThat(text).doesNotContain("未与原文核对"); // the set's figures were read from the text
        // residents covered beside land covered, equal to the indicator API's measures
        assertThat(text).contains("覆盖人口 Residents covered", "人口取自居住用地地块的人口属性");
        for (String id : RESIDENT_INDICATORS) {
            assertThat(squeezed(text)).as(id).contains(residents(WS + "/indicators/" + id + "?" + QUERY));
        }

        Download again = download(WS + "/report.docx?" + QUERY);
        assertThat(again.body()).as("byte-identical on re-render").isEqualTo(first.body());
    }

    @Test
    void thePdfParsesInTheEmbeddedCjkFontHoldsTheSameFiguresAndIsByteIdenticalWhenRenderedAgain() throws Exception {
        Download first = download(WS + "/report.pdf?" + QUERY + "&date=2026-06-30");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.contentType()).startsWith("application/pdf");
        assertThat(first.disposition()).contains("greenplan-report-demo-2026-06-30.pdf");
        try (PDDocument pdf = Loader.loadPDF(first.body())) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains(figures(QUERY));
            assertThat(text).contains("公园绿地服务半径覆盖率", "日期 Date：2026-06-30", "浙江省现代化美丽城镇建设目标值");
            for (String id : RESIDENT_INDICATORS) {
                assertThat(squeezed(text)).as(id).contains(residents(WS + "/indicators/" + id + "?" + QUERY));
            }
            assertThat(pdf.getDocumentInformation().getCreationDate().get(java.util.Calendar.YEAR)).isEqualTo(2026);
            PDFont font = pdf.getPage(0).getResources().getFont(pdf.getPage(0).getResources().getFontNames().iterator().next());
            assertThat(font).isInstanceOf(PDType0Font.class);
            assertThat(font.isEmbedded()).as("the CJK font is embedded").isTrue();
            assertThat(pdf.getPage(0).getResources().getXObjectNames()).as("a map on the first page or later").isNotNull();
        }
        Download again = download(WS + "/report.pdf?" + QUERY + "&date=2026-06-30");
        assertThat(again.body()).as("byte-identical on re-render").isEqualTo(first.body());
        Download otherDay = download(WS + "/report.pdf?" + QUERY + "&date=2026-07-01");
        assertThat(otherDay.body()).as("the date is an input").isNotEqualTo(first.body());
    }

    @Test
    void targetsNotCheckedAgainstTheirTextAreMarkedInBothReports() throws Exception {
        String q = "targets=gb-55014-2021&mode=euclidean";
        Download docx = download(WS + "/report.docx?" + q);
        assertThat(docx.status()).isEqualTo(200);
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx.body()));
                XWPFWordExtractor words = new XWPFWordExtractor(doc)) {
            assertThat(words.getText()).contains("GB 55014-2021", "未与原文核对", "2022（最近的目标年份");
        }
        Download pdf = download(WS + "/report.pdf?" + q);
        try (PDDocument p = Loader.loadPDF(pdf.body())) {
            assertThat(new PDFTextStripper().getText(p).replaceAll("\\s+", "")).contains("未与原文核对");
        }
    }

    @Test
    void aComparisonShowsBothResultSetsAndTheirDifference() throws Exception {
        // straight-line distances: the walking runs of the whole town are the other tests' part
        String query = QUERY + "&mode=euclidean&area=" + EAST + "&compareArea=" + SOUTH;
        double east = get(WS + "/indicators/park_service_coverage?mode=euclidean&area=" + EAST).json().path("value").asDouble();
        double south = get(WS + "/indicators/park_service_coverage?mode=euclidean&area=" + SOUTH).json().path("value").asDouble();
        String delta = String.format(Locale.ROOT, "%+.2f", south - east);
        Download docx = download(WS + "/report.docx?" + query);
        assertThat(docx.status()).isEqualTo(200);
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx.body()));
                XWPFWordExtractor words = new XWPFWordExtractor(doc)) {
            String text = words.getText();
            assertThat(text).contains("基准 baseline", "比较 compared", "差值 Δ", "东湖街道", "南苑街道",
                    String.format(Locale.ROOT, "%.2f", east), String.format(Locale.ROOT, "%.2f", south), delta);
            assertThat(doc.getAllPictures()).as("the maps of both sets").hasSizeGreaterThanOrEqualTo(4);
        }
        try (PDDocument pdf = Loader.loadPDF(download(WS + "/report.pdf?" + query).body())) {
            assertThat(new PDFTextStripper().getText(pdf)).contains(String.format(Locale.ROOT, "%.2f", east),
                    String.format(Locale.ROOT, "%.2f", south), delta);
        }
    }

    @Test
    void aScenarioIsComparedWithItsBaseline() throws Exception {
        // the demo's shipped plan: its figures in the report are those the indicator API gives on the scenario
        long plan = -1;
        for (JsonNode sc : get(WS + "/scenarios").json()) {
            if (sc.path("name").asString().equals(org.greenplan.scenario.DemoScenario.NAME)) {
                plan = sc.path("id").asLong();
            }
        }
        assertThat(plan).as("the demo's scenario").isPositive();
        String ind = WS + "/indicators/park_service_coverage?mode=euclidean";
        double baseline = get(ind).json().path("value").asDouble();
        double scenario = get(ind + "&scenario=" + plan).json().path("value").asDouble();
        assertThat(scenario).as("the plan adds parks").isGreaterThan(baseline);
        String query = QUERY + "&mode=euclidean&scenario=" + plan;
        Download docx = download(WS + "/report.docx?" + query);
        assertThat(docx.status()).isEqualTo(200);
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx.body()));
                XWPFWordExtractor words = new XWPFWordExtractor(doc)) {
            assertThat(words.getText()).contains("现状 baseline", "方案 " + org.greenplan.scenario.DemoScenario.NAME,
                    String.format(Locale.ROOT, "%.2f", baseline), String.format(Locale.ROOT, "%.2f", scenario),
                    String.format(Locale.ROOT, "%+.2f", scenario - baseline));
        }
        try (PDDocument pdf = Loader.loadPDF(download(WS + "/report.pdf?" + query).body())) {
            assertThat(new PDFTextStripper().getText(pdf)).contains(String.format(Locale.ROOT, "%.2f", scenario));
        }
        // 覆盖人口 on both sides: the baseline's and the plan's residents covered, as the indicator API gives them
        String residentsBase = residents(ind + "&" + QUERY);
        String residentsPlan = residents(ind + "&" + QUERY + "&scenario=" + plan);
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx.body()));
                XWPFWordExtractor words = new XWPFWordExtractor(doc)) {
            assertThat(squeezed(words.getText())).contains(residentsBase, residentsPlan);
            assertThat(residentsPlan).as("the plan's parks reach more people").isNotEqualTo(residentsBase);
        }
        try (PDDocument pdf = Loader.loadPDF(download(WS + "/report.pdf?" + query).body())) {
            assertThat(squeezed(new PDFTextStripper().getText(pdf))).contains(residentsBase, residentsPlan);
        }
        Reply missing = get(WS + "/report.docx?scenario=999999");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("field").asString()).isEqualTo("scenario");
    }

    @Test
    void badInputIsA400NamingTheField() {
        for (String[] c : new String[][] {{"date=yesterday", "date"}, {"targets=nowhere", "targets"}, {"year=12", "year"},
                {"area=nowhere-999", "area"}}) {
            for (String format : List.of("docx", "pdf")) {
                Reply r = get(WS + "/report." + format + "?" + c[0]);
                assertThat(r.status()).as(c[0]).isEqualTo(400);
                assertThat(r.contentType()).startsWith("application/problem+json");
                assertThat(r.json().path("field").asString()).isEqualTo(c[1]);
            }
        }
    }
}
