package org.greenplan.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.greenplan.indicator.AreaBreakdown;
import org.greenplan.indicator.IndicatorDefinition;
import org.greenplan.indicator.IndicatorResult;
import org.greenplan.indicator.Measure;
import org.greenplan.indicator.service.AreaOfInterest;
import org.greenplan.indicator.service.IndicatorRun;
import org.greenplan.indicator.service.LayerUse;
import org.greenplan.indicator.TargetSets;
import org.greenplan.indicator.TargetSets.Evaluation;
import org.greenplan.indicator.TargetSets.TargetSet;

/**
 * {@code GET /api/v1/indicators/{id}}: one indicator's value for an area, with numerator and denominator, the
 * distance mode (for the indicators that measure distance), the target of the chosen set and year with the
 * status, the secondary measures, the breakdown per admin area, the layer versions read and the parameters
 * used. Members that do not apply are left out: a set was chosen that has no target for this indicator and
 * year gives status {@code no_target} and no {@code target}. A value whose denominator is 0 (no residential land
 * in the area, no population …) is {@code null} with status {@code no_data} and {@code noDataReason}, never 0.
 */
public record IndicatorValueResponse(IndicatorRef indicator, AreaRef area,
        @JsonInclude(JsonInclude.Include.ALWAYS) Double value, String unit,
        double numerator, double denominator, String mode, String modeNote, String targetSet, TargetSets.TargetYear targetYear,
        TargetView target, String status, String noDataReason, Double distanceToTarget, List<MeasureView> measures,
        List<BreakdownRow> breakdown, List<LayerUsed> layersUsed, SortedMap<String, Object> parameters,
        int measuredInEpsg, List<String> notes, int findings, String computedAt, long computeMillis,
        List<Link> links) {

    /** Which indicator. */
    public record IndicatorRef(String id, LocalizedName name, String unit) {
    }

    /** The area the value is for: its type ({@code all}, {@code bbox}, an admin area…), id, name and extent. */
    public record AreaRef(String type, String id, String name, List<Double> bbox) {

        static AreaRef of(AreaOfInterest a) {
            List<Double> bbox = null;
            if (a.geometry() != null) {
                var e = a.geometry().getEnvelopeInternal();
                bbox = List.of(e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY());
            }
            return new AreaRef(a.type(), a.key(), a.name(), bbox);
        }
    }

    /**
     * A target: the year it is due, how the value compares, the figure, and where it comes from (the policy file
     * and line, the document's title, status {@code draft} / {@code in force} and year).
     */
    public record TargetView(int year, String comparator, double value, String unit, String source, boolean verified,
            String note, String citation, String document, String documentStatus, Integer documentYear) {

        static TargetView of(TargetSets.Target t) {
            return new TargetView(t.year(), t.comparator(), t.value(), t.unit(), t.source(), t.verified(), t.note(),
                    t.citation(), t.document().title(), t.document().status(), t.document().year());
        }
    }

    /** A secondary figure of the indicator (e.g. the share per park size). */
    public record MeasureView(String id, @JsonInclude(JsonInclude.Include.ALWAYS) Double value, String unit, double numerator, double denominator) {

        static MeasureView of(Measure m) {
            return new MeasureView(m.id(), orNull(m.value()), m.unit(), m.numerator(), m.denominator());
        }
    }

    /** The value in one admin area, judged against the same target as the total. */
    public record BreakdownRow(String areaId, String areaName, @JsonInclude(JsonInclude.Include.ALWAYS) Double value, double numerator, double denominator,
            String status, Double distanceToTarget, List<MeasureView> measures) {
    }

    /** A layer version the value was computed from. */
    public record LayerUsed(String id, String kind, int version) {

        static LayerUsed of(LayerUse u) {
            return new LayerUsed(u.id(), u.kind().id(), u.version());
        }
    }

    static IndicatorValueResponse of(IndicatorRun run, Optional<TargetSet> set, Optional<TargetSets.TargetYear> year,
            Optional<Evaluation> total,
            List<Link> links) {
        IndicatorResult r = run.result();
        IndicatorDefinition d = run.definition();
        String status = !r.hasValue() ? "no_data" : total.map(Evaluation::status).orElse(set.isPresent() ? "no_target" : null);
        List<BreakdownRow> breakdown = r.breakdown().stream().map(b -> row(b, total)).toList();
        return new IndicatorValueResponse(new IndicatorRef(d.id(), new LocalizedName(d.nameZh(), d.nameEn()), d.unit()),
                AreaRef.of(run.area()), orNull(r.value()), r.unit(), r.numerator(), r.denominator(), run.mode(),
                run.mode() != null ? run.modeNote() : null, set.map(TargetSet::id).orElse(null),
                year.orElse(null), total.map(e -> TargetView.of(e.target())).orElse(null), status, r.noDataReason(),
                total.map(Evaluation::distance).orElse(null),
                r.measures().stream().map(MeasureView::of).toList(), breakdown,
                run.layersUsed().stream().map(LayerUsed::of).toList(), new TreeMap<>(r.parameters()),
                r.measuredInEpsg(), r.notes(), r.findings().size(), run.computedAt().toString(), run.computeMillis(),
                links);
    }

    private static BreakdownRow row(AreaBreakdown b, Optional<Evaluation> total) {
        Optional<Evaluation> e = total.map(t -> TargetSets.evaluate(t.target(), b.value()));
        return new BreakdownRow(b.areaId(), b.areaName(), orNull(b.value()), b.numerator(), b.denominator(),
                Double.isNaN(b.value()) ? "no_data" : e.map(Evaluation::status).orElse(null),
                e.map(Evaluation::distance).orElse(null),
                b.measures().isEmpty() ? null : b.measures().stream().map(MeasureView::of).toList());
    }

    /** JSON has no NaN: a missing value is null. */
    private static Double orNull(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
