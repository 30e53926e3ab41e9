package org.greenplan.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.TimeZone;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.greenplan.report.Report.Fact;
import org.greenplan.report.Report.MapFigure;
import org.greenplan.report.Report.Table;
import org.junit.jupiter.api.Test;

/**
 * The two writers without a server: equal reports give equal bytes whatever the JVM's time zone (zip stores
 * local times), every zip entry carries the report's date, and text the font lacks is replaced, not fatal.
 */
class ReportWritersTest {

    private static Report report(LocalDate date) throws Exception {
        BufferedImage image = new BufferedImage(80, 56, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.GREEN);
        g.fillRect(10, 10, 30, 20);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        Table table = new Table(List.of("指标 Indicator", "数值 Value"), List.of(List.of("公园绿地服务半径覆盖率 ≥ Δ ✓", "87.65")),
                new double[] {0.7, 0.3});
        return new Report("测试报告 Test report", date, List.of(new Fact("日期 Date", date.toString())), table,
                List.of("一条说明 a note"), List.of(new MapFigure("图 map", png.toByteArray(), 80, 56)), table,
                "ab".repeat(32));
    }

    @Test
    void equalReportsGiveEqualBytesInAnyTimeZoneAndTheZipIsStampedWithTheReportsDate() throws Exception {
        TimeZone before = TimeZone.getDefault();
        byte[] docx;
        byte[] pdf;
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Shanghai"));
            docx = DocxReport.write(report(LocalDate.of(2026, 6, 30)));
            pdf = PdfReport.write(report(LocalDate.of(2026, 6, 30)));
            TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"));
            assertThat(DocxReport.write(report(LocalDate.of(2026, 6, 30)))).isEqualTo(docx);
            assertThat(PdfReport.write(report(LocalDate.of(2026, 6, 30)))).isEqualTo(pdf);
        } finally {
            TimeZone.setDefault(before);
        }
        assertThat(DocxReport.write(report(LocalDate.of(2026, 7, 1)))).isNotEqualTo(docx);
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(docx))) {
            int entries = 0;
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry(), entries++) {
                assertThat(e.getTimeLocal()).as(e.getName()).isEqualTo(LocalDate.of(2026, 6, 30).atStartOfDay());
            }
            assertThat(entries).isGreaterThan(5);
        }
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("公园绿地服务半径覆盖率", "87.65", "测试报告");
        }
    }
}
