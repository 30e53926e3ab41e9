package org.greenplan.report;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.greenplan.indicator.IndicatorDefinition;
import org.greenplan.indicator.service.AreaOfInterest;
import org.greenplan.indicator.service.IndicatorRun;
import org.greenplan.indicator.service.LayerUse;
import org.greenplan.kind.LayerKind;

/**
 * One set of indicator results a report shows: every indicator of the catalogue for one scope, computed, or
 * missing a layer kind it needs. A report has a baseline set and may have a second one to compare with.
 *
 * @param label how the document names this set (e.g. 基准 baseline, an area, a scenario)
 * @param area  where the indicators were computed
 */
public record ResultSet(String label, AreaOfInterest area, List<Entry> entries) {

    public ResultSet {
        entries = List.copyOf(entries);
    }

    /** One indicator: its run, or the layer kinds whose absence kept it from running ({@code run} null). */
    public record Entry(IndicatorDefinition definition, IndicatorRun run, List<LayerKind> missing) {
        public Entry {
            missing = List.copyOf(missing);
        }
    }

    public Optional<IndicatorRun> run(String indicatorId) {
        return entries.stream().filter(e -> e.definition().id().equals(indicatorId) && e.run() != null)
                .map(Entry::run).findFirst();
    }

    /** Every layer version any indicator of the set read, ordered by layer id and version. */
    public List<LayerUse> layersUsed() {
        TreeSet<LayerUse> all = new TreeSet<>(Comparator.comparing(LayerUse::id).thenComparingInt(LayerUse::version));
        entries.stream().filter(e -> e.run() != null).forEach(e -> all.addAll(e.run().layersUsed()));
        return List.copyOf(all);
    }
}
