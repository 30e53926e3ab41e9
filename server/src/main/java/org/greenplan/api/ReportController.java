package org.greenplan.api;

import java.util.function.Function;
import org.greenplan.report.DocxReport;
import org.greenplan.report.PdfReport;
import org.greenplan.report.Report;
import org.greenplan.report.ReportQuery;
import org.greenplan.report.ReportService;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A workspace's indicator report to file, as Word or PDF: the indicators' query parameters ({@code area},
 * {@code bbox}, {@code mode}, {@code versions}), a target set and year, the date printed ({@code date}, by
 * default the publication day of the newest layer version read) and optionally a second result set to compare
 * with ({@code compareArea}, {@code compareVersions}) or a scenario against its baseline ({@code scenario}). Equal inputs give equal bytes, so the ETag is the
 * inputs' SHA-256.
 */
@RestController
@RequestMapping({"/api/v1/workspaces/{ws}", "/api/v1"})
public class ReportController {

    static final MediaType DOCX = MediaType.parseMediaType(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");

    private final ReportService reports;

    public ReportController(ReportService reports) {
        this.reports = reports;
    }

    @GetMapping(value = "/report.docx", produces = "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    public ResponseEntity<byte[]> docx(WorkspaceScope scope, @RequestParam(required = false) String area,
            @RequestParam(required = false) String bbox, @RequestParam(required = false) String mode,
            @RequestParam(required = false) String targets, @RequestParam(required = false) String year,
            @RequestParam(required = false) String date, @RequestParam(required = false) String versions,
            @RequestParam(required = false) String compareArea, @RequestParam(required = false) String compareVersions,
            @RequestParam(required = false) String scenario) {
        return answer(scope, new ReportQuery(area, bbox, mode, targets, IndicatorQuery.year(year), date, versions,
                compareArea, compareVersions, scenario), DocxReport::write, DOCX, "docx");
    }

    @GetMapping(value = "/report.pdf", produces = "application/pdf")
    public ResponseEntity<byte[]> pdf(WorkspaceScope scope, @RequestParam(required = false) String area,
            @RequestParam(required = false) String bbox, @RequestParam(required = false) String mode,
            @RequestParam(required = false) String targets, @RequestParam(required = false) String year,
            @RequestParam(required = false) String date, @RequestParam(required = false) String versions,
            @RequestParam(required = false) String compareArea, @RequestParam(required = false) String compareVersions,
            @RequestParam(required = false) String scenario) {
        return answer(scope, new ReportQuery(area, bbox, mode, targets, IndicatorQuery.year(year), date, versions,
                compareArea, compareVersions, scenario), PdfReport::write, MediaType.APPLICATION_PDF, "pdf");
    }

    private ResponseEntity<byte[]> answer(WorkspaceScope scope, ReportQuery query, Function<Report, byte[]> writer,
            MediaType type, String extension) {
        Report report = reports.build(scope.workspace(), query);
        byte[] body = writer.apply(report);
        return ResponseEntity.ok().contentType(type).cacheControl(CacheControl.noCache())
                .eTag("\"" + report.inputsSha256() + "-" + extension + "\"")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"greenplan-report-" + scope.id() + "-"
                        + report.date() + "." + extension + "\"")
                .body(body);
    }
}
