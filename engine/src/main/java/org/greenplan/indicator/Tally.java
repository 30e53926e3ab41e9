package org.greenplan.indicator;

import java.util.ArrayList;
import java.util.List;

/**
 * Numerator and denominator per admin area, for the value and (optionally) its population-weighted
 * counterpart, turned into {@link AreaBreakdown}s the same way by every indicator.
 */
final class Tally {

    static final String POPULATION_WEIGHTED = "population_weighted";

    private final double[] num;
    private final double[] den;
    private final double[] popNum;
    private final double[] popDen;

    Tally(int areas) {
        num = new double[areas];
        den = new double[areas];
        popNum = new double[areas];
        popDen = new double[areas];
    }

    void add(int area, double numerator, double denominator) {
        num[area] += numerator;
        den[area] += denominator;
    }

    void addPopulation(int area, double numerator, double denominator) {
        popNum[area] += numerator;
        popDen[area] += denominator;
    }

    /** Adds another tally's sums (per-chunk tallies of a parallel run). */
    Tally merge(Tally other) {
        for (int i = 0; i < num.length; i++) {
            num[i] += other.num[i];
            den[i] += other.den[i];
            popNum[i] += other.popNum[i];
            popDen[i] += other.popDen[i];
        }
        return this;
    }

    /** {@code scale} turns the ratio into the unit, e.g. 100 for %. */
    List<AreaBreakdown> breakdown(AdminAreas areas, double scale, String unit, boolean withPopulation) {
        List<AreaBreakdown> out = new ArrayList<>(areas.size());
        for (AdminAreas.Area a : areas.list()) {
            int i = a.index();
            List<Measure> measures = withPopulation
                    ? List.of(new Measure(POPULATION_WEIGHTED, ratio(popNum[i], popDen[i], scale), unit, popNum[i], popDen[i]))
                    : List.of();
            out.add(new AreaBreakdown(a.id(), a.name(), ratio(num[i], den[i], scale), num[i], den[i], measures));
        }
        return out;
    }

    /**
     * NaN for an empty denominator: there is no value (the API shows {@code value: null}, status
     * {@code no_data}, and the indicator's note saying {@link IndicatorResult#NO_VALUE} as the reason), never a
     * made-up 0.
     */
    static double ratio(double numerator, double denominator, double scale) {
        return denominator > 0 ? scale * numerator / denominator : Double.NaN;
    }
}
