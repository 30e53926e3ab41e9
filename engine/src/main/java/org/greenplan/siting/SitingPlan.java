package org.greenplan.siting;

/**
 * The sites a solver chose, in the order they were added, and how good that is.
 *
 * @param chosen       candidate indices, in the order of adding (for a greedy plan the first is the best single site)
 * @param servedAfter  weight served after 0, 1, … chosen.length sites: the coverage curve ({@code [0]} = today)
 * @param total        the weight of every unit (the ratio's denominator)
 * @param bestPossible an upper bound on the weight any {@code chosen.length} sites could serve (equal to the last
 *                     point of the curve when proven optimal)
 * @param fewestPossible for a target: a lower bound on the number of sites that reach it (0 when not asked;
 *                     {@link #UNREACHABLE} when the candidates cannot reach it, or not within the site limit)
 * @param proven       whether the plan is proven optimal
 * @param solver       which solver made it ("greedy" or "exact")
 */
public record SitingPlan(int[] chosen, double[] servedAfter, double total, double bestPossible, int fewestPossible,
        boolean proven, String solver) {

    /** {@link #fewestPossible()} of a target that no number of these candidates reaches. */
    public static final int UNREACHABLE = Integer.MAX_VALUE;

    public double served() {
        return servedAfter[servedAfter.length - 1];
    }

    /** The served share, 0–1. */
    public double share() {
        return total == 0 ? 0 : served() / total;
    }

    /** How far below the best possible this plan can be, as a fraction of the best possible (0 when proven). */
    public double gap() {
        return bestPossible <= 0 ? 0 : Math.max(0, (bestPossible - served()) / bestPossible);
    }

    /** Whether the plan reaches a served share (with a relative tolerance of 1e-12 for rounding). */
    public boolean reaches(double targetShare) {
        return served() >= targetShare * total * (1 - 1e-12);
    }
}
