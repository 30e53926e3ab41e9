package org.greenplan.siting;

/**
 * Local improvement of a plan, after the greedy: swap a chosen site for one not chosen while that serves more
 * (Teitz &amp; Bart's interchange), and for a target, drop sites the others make redundant. Greedy's first choices
 * can lock it out of a better pair (its classic trap: the one big site between two that together serve more);
 * interchange leaves such traps. Work is bounded: each pass reads every candidate once per chosen site, and
 * passes stop when nothing improves or the budget of unit visits is spent.
 */
final class Interchange {

    private Interchange() {
    }

    /** Improves {@code chosen} in place by swaps; returns it. */
    static int[] swaps(CoverageProblem p, int[] chosen, long budget) {
        int[] count = counts(p, chosen);
        boolean[] isChosen = new boolean[p.candidateCount()];
        for (int c : chosen) {
            isChosen[c] = true;
        }
        boolean[] mine = new boolean[p.unitCount()];
        long work = 0;
        boolean improved = true;
        while (improved && work < budget) {
            improved = false;
            for (int i = 0; i < chosen.length && work < budget; i++) {
                int s = chosen[i];
                double loss = 0;
                for (int k = p.from(s); k < p.to(s); k++) {
                    int u = p.unitAt(k);
                    mine[u] = true;
                    if (!p.served(u) && count[u] == 1) {
                        loss += p.weight(u);
                    }
                }
                int best = -1;
                double bestDelta = 1e-9 * Math.max(1, p.total()); // a swap must gain more than rounding
                for (int c = 0; c < p.candidateCount(); c++) {
                    if (isChosen[c]) {
                        continue;
                    }
                    double gain = 0;
                    for (int k = p.from(c); k < p.to(c); k++) {
                        int u = p.unitAt(k);
                        if (!p.served(u) && (count[u] == 0 || (count[u] == 1 && mine[u]))) {
                            gain += p.weight(u);
                        }
                    }
                    work += p.to(c) - p.from(c);
                    if (gain - loss > bestDelta) {
                        bestDelta = gain - loss;
                        best = c;
                    }
                }
                for (int k = p.from(s); k < p.to(s); k++) {
                    mine[p.unitAt(k)] = false;
                }
                if (best >= 0) {
                    add(p, count, s, -1);
                    add(p, count, best, 1);
                    isChosen[s] = false;
                    isChosen[best] = true;
                    chosen[i] = best;
                    improved = true;
                }
            }
        }
        return chosen;
    }

    /**
     * Drops, last added first, every site without which the plan still serves {@code goal}: the greedy's early
     * sites are often made redundant by later ones.
     */
    static int[] dropRedundant(CoverageProblem p, int[] chosen, double goal) {
        int[] count = counts(p, chosen);
        double served = p.servedWith(chosen);
        boolean[] keep = new boolean[chosen.length];
        java.util.Arrays.fill(keep, true);
        for (int i = chosen.length - 1; i >= 0; i--) {
            int s = chosen[i];
            double loss = 0;
            for (int k = p.from(s); k < p.to(s); k++) {
                int u = p.unitAt(k);
                if (!p.served(u) && count[u] == 1) {
                    loss += p.weight(u);
                }
            }
            if (served - loss >= goal) {
                keep[i] = false;
                served -= loss;
                add(p, count, s, -1);
            }
        }
        return java.util.stream.IntStream.range(0, chosen.length).filter(i -> keep[i]).map(i -> chosen[i]).toArray();
    }

    private static int[] counts(CoverageProblem p, int[] chosen) {
        int[] count = new int[p.unitCount()];
        for (int c : chosen) {
            add(p, count, c, 1);
        }
        return count;
    }

    private static void add(CoverageProblem p, int[] count, int c, int by) {
        for (int k = p.from(c); k < p.to(c); k++) {
            count[p.unitAt(k)] += by;
        }
    }
}
