package org.greenplan.report;

import java.time.LocalDate;
import java.util.List;
import org.greenplan.report.Report.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Writes a one-line report in both formats once the server is up, on a low-priority background thread: the
 * first Word document loads POI's XML schema classes and the first PDF the font (about ten seconds of class
 * loading on a busy 2-core machine), which the first planner's download should not wait for. A missing font is
 * said here, at start-up, with what to install.
 */
@Component
class ReportWarmUp {

    private static final Logger log = LoggerFactory.getLogger(ReportWarmUp.class);

    @EventListener(ApplicationReadyEvent.class)
    void warmUp() {
        Thread t = org.greenplan.limits.BackgroundThreads.daemon(() -> {
            try {
                Table table = new Table(List.of("指标 Indicator"), List.of(List.of("0.00")), new double[] {1});
                Report r = new Report("greenplan", LocalDate.of(2000, 1, 1), List.of(), table, List.of(), List.of(), table,
                        "0".repeat(64));
                DocxReport.write(r);
                PdfReport.write(r);
            } catch (ReportFont.MissingFont e) {
                log.warn("PDF reports will fail: {}", e.getMessage());
            } catch (RuntimeException e) {
                log.warn("report warm-up failed", e);
            }
        }, "report-warm-up");
        t.start();
    }
}
