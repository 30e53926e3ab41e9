package org.greenplan.batch;

import java.util.Optional;
import org.greenplan.indicator.TargetSets;
import org.greenplan.indicator.TargetSets.Target;
import org.greenplan.indicator.TargetSets.TargetSet;

/**
 * A unit's value judged against the chosen target set: the target's set, year, comparator and value, and the
 * status ({@code met}, {@code gap}, {@code no_data}) by the engine's {@link TargetSets} — the rule and the
 * year choice the server's {@code GET …/indicators/{id}?targets=…&year=…} applies. Every field is null when
 * the set has no target for the indicator.
 */
public record TargetStatus(String set, Integer year, String comparator, Double target, String status,
        Double distance) implements java.io.Serializable {

    static final TargetStatus NONE = new TargetStatus(null, null, null, null, null, null);

    /** {@code set} empty: no target set chosen; {@code year} null: the server's rule for the nearest year. */
    static TargetStatus of(TargetSets sets, Optional<TargetSet> set, Integer year, UnitIndicators.Row row) {
        Optional<Target> t = set.flatMap(s -> sets.targetFor(s, row.indicator(), year));
        if (t.isEmpty()) {
            return NONE;
        }
        TargetSets.Evaluation e = TargetSets.evaluate(t.get(), row.value());
        return new TargetStatus(t.get().setId(), t.get().year(), t.get().comparator(), t.get().value(), e.status(),
                e.distance());
    }
}
