package org.greenplan.indicator;

import java.util.List;

/**
 * The two-step floating catchment method (2SFCA, Luo &amp; Wang 2003; with distance decay, Dai 2010), on the
 * links between supply sites and demand units that lie within each site's catchment:
 * <ol>
 * <li>each site j: R<sub>j</sub> = S<sub>j</sub> ÷ Σ<sub>i</sub> P<sub>i</sub>·w(d<sub>ij</sub>), its supply over
 * the residents who can reach it, weighted by distance (the competition a site faces);</li>
 * <li>each unit i: A<sub>i</sub> = Σ<sub>j</sub> R<sub>j</sub>·w(d<sub>ij</sub>), the ratios of every site it
 * reaches, weighted the same way.</li>
 * </ol>
 * A site no resident reaches (Σ P·w = 0) serves no one: its R is 0. With these weights every reached site's supply
 * is handed out once, whole: Σ<sub>i</sub> P<sub>i</sub>A<sub>i</sub> = Σ<sub>j reached</sub> S<sub>j</sub>, so the
 * residents' mean accessibility is the supply reached ÷ the residents.
 */
final class FloatingCatchment {

    /** Site {@code supply} lies {@code metres} from unit {@code demand} (only pairs within the site's catchment). */
    record Link(int supply, int demand, double metres) {
    }

    /**
     * @param ratio         R per site (supply per weighted resident)
     * @param accessibility A per demand unit (supply per resident, in the supply's unit)
     * @param sitesInReach  per demand unit, how many sites count for it (weight &gt; 0)
     */
    record Result(double[] ratio, double[] accessibility, int[] sitesInReach) {
    }

    private FloatingCatchment() {
    }

    /**
     * @param supply per site, its supply (m² of park, places of a facility)
     * @param reach  per site, its catchment d₀ in metres
     * @param demand per unit, its residents
     */
    static Result compute(double[] supply, double[] reach, double[] demand, List<Link> links, DistanceDecay decay) {
        double[] weight = new double[links.size()];
        double[] weightedDemand = new double[supply.length];
        for (int k = 0; k < links.size(); k++) {
            Link l = links.get(k);
            weight[k] = decay.weight(l.metres(), reach[l.supply()]);
            weightedDemand[l.supply()] += demand[l.demand()] * weight[k];
        }
        double[] ratio = new double[supply.length];
        for (int j = 0; j < supply.length; j++) {
            ratio[j] = weightedDemand[j] > 0 ? supply[j] / weightedDemand[j] : 0;
        }
        double[] access = new double[demand.length];
        int[] sites = new int[demand.length];
        for (int k = 0; k < links.size(); k++) {
            Link l = links.get(k);
            if (weight[k] > 0) {
                access[l.demand()] += ratio[l.supply()] * weight[k];
                sites[l.demand()]++;
            }
        }
        return new Result(ratio, access, sites);
    }
}
