package org.greenplan.indicator;

import java.util.List;

/**
 * The population a per-capita indicator divides by: the admin areas' {@code population} when every
 * admin area has one, else the residential parcels' {@code population} (split over admin areas by area).
 */
final class PopulationBase {

    final double total;
    final double[] perArea;
    final String source;

    private PopulationBase(double total, double[] perArea, String source) {
        this.total = total;
        this.perArea = perArea;
        this.source = source;
    }

    static PopulationBase of(AdminAreas admin, List<Projected> residential) {
        double[] perArea = new double[admin.size()];
        double adminTotal = admin.population();
        if (!admin.isEmpty() && adminTotal >= 0) {
            for (AdminAreas.Area a : admin.list()) {
                perArea[a.index()] = a.projected().population();
            }
            return new PopulationBase(adminTotal, perArea, "admin_area");
        }
        double total = 0;
        for (Projected parcel : residential) {
            double density = parcel.population() / parcel.metres().getArea();
            total += parcel.population();
            admin.split(parcel.metres(), null, (a, whole, sub) -> perArea[a.index()] += density * whole.getArea());
        }
        return new PopulationBase(total, perArea, "residential");
    }

    String note() {
        return total > 0 ? "Population (" + Math.round(total) + ") taken from the " + source + " layer's population attribute."
                : "No population given (admin_area or residential 'population'), " + IndicatorResult.NO_VALUE;
    }
}
