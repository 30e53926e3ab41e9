package org.greenplan.siting;

import java.util.ArrayList;
import java.util.List;

/** What solvers share about a set of chosen sites: the order to show them in. */
final class Plans {

    private Plans() {
    }

    /**
     * The chosen sites ordered as a planner builds them: each next the one that adds the most (ties by index), so
     * the curve of an exact plan reads like a greedy one and its first sites are the most worth building.
     */
    static int[] inGreedyOrder(CoverageProblem p, List<Integer> chosen) {
        List<Integer> left = new ArrayList<>(chosen);
        int[] order = new int[chosen.size()];
        boolean[] hit = new boolean[p.unitCount()];
        for (int u = 0; u < hit.length; u++) {
            hit[u] = p.served(u);
        }
        for (int k = 0; k < order.length; k++) {
            int best = -1;
            double bestGain = -1;
            for (int c : left) {
                double g = 0;
                for (int i = p.from(c); i < p.to(c); i++) {
                    if (!hit[p.unitAt(i)]) {
                        g += p.weight(p.unitAt(i));
                    }
                }
                if (g > bestGain || (g == bestGain && c < best)) {
                    best = c;
                    bestGain = g;
                }
            }
            order[k] = best;
            left.remove(Integer.valueOf(best));
            for (int i = p.from(best); i < p.to(best); i++) {
                hit[p.unitAt(i)] = true;
            }
        }
        return order;
    }
}
