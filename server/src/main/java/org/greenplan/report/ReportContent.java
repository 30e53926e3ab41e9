package org.greenplan.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.greenplan.indicator.IndicatorDefinition;
import org.greenplan.indicator.Measure;
import org.greenplan.indicator.service.IndicatorRun;
import org.greenplan.indicator.TargetSets;
import org.greenplan.indicator.TargetSets.Target;
import org.greenplan.report.Report.Table;

/**
 * Words the indicator table of a report: one row per indicator and target (an indicator without a target in
 * the chosen sets gets one row), the value of the baseline set and, when comparing, the compared set's value
 * and the difference; each target with the status it gives and its source document as {@code targets.json}
 * cites it. Values are printed with two decimals. The coverage indicators that count people get a second row,
 * 覆盖人口: residents covered of residents (whole persons) beside the land covered.
 */
final class ReportContent {

    /** A target with the document of its set (the set names the policy; the target cites the clause). */
    record CitedTarget(Target target, String document, String setName) {
    }

    private ReportContent() {
    }

    static Table indicators(ResultSet base, ResultSet compared, java.util.function.Function<String, List<CitedTarget>> targets) {
        List<String> header = new ArrayList<>(List.of("指标 Indicator"));
        if (compared == null) {
            header.add("数值 Value");
        } else {
            header.addAll(List.of(base.label(), compared.label(), "差值 Δ"));
        }
        header.addAll(List.of("单位 Unit", "目标 Target", "状态 Status", "目标依据 Source"));
        List<List<String>> rows = new ArrayList<>();
        for (ResultSet.Entry e : base.entries()) {
            IndicatorDefinition d = e.definition();
            IndicatorRun b = e.run();
            IndicatorRun c = compared == null ? null : compared.run(d.id()).orElse(null);
            List<CitedTarget> ts = targets.apply(d.id());
            for (CitedTarget t : ts.isEmpty() ? java.util.Collections.<CitedTarget>singletonList(null) : ts) {
                List<String> row = new ArrayList<>(List.of(d.nameZh() + " " + d.nameEn()));
                row.add(value(b, e));
                if (compared != null) {
                    row.add(value(c, compared.entries().stream().filter(x -> x.definition().id().equals(d.id()))
                            .findFirst().orElse(null)));
                    row.add(b != null && c != null && b.result().hasValue() && c.result().hasValue()
                            ? String.format(Locale.ROOT, "%+.2f", c.result().value() - b.result().value()) : "—");
                }
                row.add(b != null ? b.result().unit() : d.unit());
                row.add(t == null ? "—" : target(t.target()));
                String status = status(b, e, t);
                if (compared != null) {
                    status = status + " / " + status(c, null, t);
                }
                row.add(status);
                row.add(t == null ? "—" : source(t.target()));
                rows.add(row);
            }
            residentsRow(d, b, c, compared != null).ifPresent(rows::add);
        }
        double[] widths = compared == null ? new double[] {0.22, 0.10, 0.09, 0.13, 0.10, 0.36}
                : new double[] {0.18, 0.09, 0.09, 0.08, 0.08, 0.11, 0.12, 0.25};
        return new Table(header, rows, widths);
    }

    /**
     * For the coverage indicators that count people beside land: a row 覆盖人口 with residents covered of residents
     * and the share, for each side when comparing (Δ in persons), and how the residents were found. Empty when
     * neither side has residents.
     */
    private static java.util.Optional<List<String>> residentsRow(IndicatorDefinition d, IndicatorRun b, IndicatorRun c,
            boolean comparing) {
        Measure bm = residents(b);
        Measure cm = residents(c);
        if (bm == null && cm == null) {
            return java.util.Optional.empty();
        }
        List<String> row = new ArrayList<>(List.of("覆盖人口 Residents covered（" + d.nameZh() + "）"));
        row.add(residents(bm));
        if (comparing) {
            row.add(residents(cm));
            row.add(bm != null && cm != null
                    ? String.format(Locale.ROOT, "%+d", Math.round(cm.numerator()) - Math.round(bm.numerator())) : "—");
        }
        row.addAll(List.of("人 persons", "—", "—", populationSource(bm != null ? b : c)));
        return java.util.Optional.of(row);
    }

    /** The {@code residents_covered} measure of a run (numerator covered, denominator all residents), or null. */
    static Measure residents(IndicatorRun run) {
        return run == null ? null : run.result().measures().stream()
                .filter(m -> m.id().equals("residents_covered")).findFirst().orElse(null);
    }

    /** Residents covered / residents (share %), whole persons; the share with two decimals like every value. */
    static String residents(Measure m) {
        if (m == null) {
            return "—";
        }
        return Math.round(m.numerator()) + " / " + Math.round(m.denominator()) + "（"
                + (m.denominator() > 0 ? figure(100 * m.numerator() / m.denominator()) + "%" : "—") + "）";
    }

    /** How the residents were found (the result's {@code populationSource}), in the dashboard's words. */
    private static String populationSource(IndicatorRun run) {
        Object source = run.result().parameters().get("populationSource");
        return switch (String.valueOf(source)) {
            case "parcel" -> "人口取自居住用地地块的人口属性 from the residential parcels' population";
            case "floor_area" -> "按建筑面积（层数或高度）分摊行政区人口 admin areas' population spread by floor area";
            case "land_area" -> "按居住用地面积分摊行政区人口 admin areas' population spread by residential land area";
            default -> "—";
        };
    }

    /** The value with two decimals; why there is none otherwise. */
    static String value(IndicatorRun run, ResultSet.Entry entry) {
        if (run == null) {
            return entry != null && !entry.missing().isEmpty() ? "缺图层 missing " + entry.missing().stream()
                    .map(k -> k.id()).toList() : "—";
        }
        return run.result().hasValue() ? figure(run.result().value()) : "无数据 no data";
    }

    static String figure(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** Where a target comes from: document (status, year), file:line, and whether it was checked against the text. */
    static String source(Target t) {
        TargetSets.Document d = t.document();
        return d.title() + "（" + ("draft".equals(d.status()) ? "征求意见稿 draft" : "现行 in force")
                + (d.year() == null ? "" : "，" + d.year()) + "）; " + t.source()
                + (t.citation() == null ? "" : " [" + t.citation() + "]")
                + (t.verified() ? "" : " " + UNVERIFIED);
    }

    /** The mark of a target not checked against its primary text (dashboard and report say the same). */
    static final String UNVERIFIED = "【未与原文核对 not checked against the original text】";

    static String target(Target t) {
        return t.comparator().replace(">=", "≥").replace("<=", "≤") + " "
                + org.greenplan.Decimals.plain(t.value()) + " (" + t.year() + ")";
    }

    private static String status(IndicatorRun run, ResultSet.Entry entry, CitedTarget t) {
        if (run == null) {
            return entry != null && !entry.missing().isEmpty() ? "缺图层 missing layers" : "—";
        }
        if (!run.result().hasValue()) {
            return "无数据 no data";
        }
        if (t == null) {
            return "无目标 no target";
        }
        return TargetSets.evaluate(t.target(), run.result().value()).met() ? "达标 met" : "未达标 gap";
    }
}
