package org.greenplan.indicator;

import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/**
 * The result of one indicator run.
 *
 * @param value        {@code numerator / denominator} in {@code unit}; NaN when the denominator is 0 (no value: a
 *                     note ending in {@link #NO_VALUE} says why)
 * @param numerator    in the indicator's base unit (m², m, persons), before scaling
 * @param denominator  in the indicator's base unit
 * @param measures     secondary figures, e.g. {@code population_weighted}
 * @param breakdown    per admin area; empty when no admin areas were given
 * @param gaps         what is not covered / not compliant, lon/lat; an empty geometry when nothing is
 * @param findings     located items (conflict pieces, parcels missing facilities)
 * @param parameters   the effective parameters, defaults filled in, so the run can be reproduced
 * @param measuredInEpsg the CGCS2000 GK zone (EPSG:4534–4554) in which areas and lengths were measured
 */
public record IndicatorResult(String indicatorId, double value, String unit, double numerator, double denominator,
        List<Measure> measures, List<AreaBreakdown> breakdown, Geometry gaps, List<Finding> findings,
        Map<String, Object> parameters, List<String> notes, int measuredInEpsg) {

    public IndicatorResult {
        measures = List.copyOf(measures);
        breakdown = List.copyOf(breakdown);
        findings = List.copyOf(findings);
        parameters = Map.copyOf(parameters);
        notes = List.copyOf(notes);
    }

    /** How every note explaining a missing value ends: {@link #noDataReason()} finds it by this. */
    public static final String NO_VALUE = "so there is no value.";

    /** Whether there is a value (the denominator is not 0). */
    public boolean hasValue() {
        return !Double.isNaN(value);
    }

    /** Why there is no value (the indicator's note), or null when there is one. */
    public String noDataReason() {
        if (hasValue()) {
            return null;
        }
        return notes.stream().filter(n -> n.endsWith(NO_VALUE)).findFirst()
                .orElse("The denominator is 0 (" + unit + "), " + NO_VALUE);
    }

    /** The secondary figure with that id, if present. */
    public java.util.Optional<Measure> measure(String id) {
        return measures.stream().filter(m -> m.id().equals(id)).findFirst();
    }
}
