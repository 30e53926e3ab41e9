package org.greenplan.siting;

import java.util.Arrays;
import java.util.PriorityQueue;

/**
 * Greedy covering with lazy evaluation (CELF, Leskovec et al. 2007): each step adds the candidate that serves the
 * most weight not yet served. Coverage is submodular, so a candidate's gain can only fall as sites are added: its
 * last computed gain is an upper bound, and a candidate is recomputed only when it reaches the top of the queue
 * (on a town most never are). The answer is within (1 − 1/e) of the optimum in the worst case and much closer
 * in practice; the same upper bounds give, at no extra cost, a data-dependent bound on the optimum (Minoux):
 * for any plan S and any k sites T, f(T) ≤ f(S) + the sum of the k largest gains over S. That bound is reported,
 * so the gap is known without an exact solver.
 */
public final class LazyGreedy implements SiteSelector {

    /** Unit visits the interchange may spend: about a second on this machine. */
    private static final long INTERCHANGE_BUDGET = 200_000_000L;

    private final boolean improve;

    /** The greedy followed by {@link Interchange} (swaps; for a target, redundant sites dropped). */
    public LazyGreedy() {
        this(true);
    }

    /** @param improve false for the plain greedy (to show what the interchange adds) */
    public LazyGreedy(boolean improve) {
        this.improve = improve;
    }

    @Override
    public SitingPlan maximize(CoverageProblem problem, int sites) {
        return run(problem, sites, Double.NaN);
    }

    @Override
    public SitingPlan reach(CoverageProblem problem, double targetShare, int maxSites) {
        return run(problem, maxSites, targetShare);
    }

    private SitingPlan run(CoverageProblem p, int maxSites, double targetShare) {
        if (maxSites < 0) {
            throw new IllegalArgumentException("sites must be ≥ 0, not " + maxSites);
        }
        int m = p.candidateCount();
        boolean[] hit = new boolean[p.unitCount()];
        for (int u = 0; u < hit.length; u++) {
            hit[u] = p.served(u);
        }
        double[] bound = new double[m];
        int[] round = new int[m];
        PriorityQueue<Integer> queue = new PriorityQueue<>(Math.max(1, m), (a, b) -> {
            int byGain = Double.compare(bound[b], bound[a]);
            return byGain != 0 ? byGain : Integer.compare(a, b);
        });
        for (int c = 0; c < m; c++) {
            bound[c] = gain(p, hit, c);
            queue.add(c);
        }
        boolean targeted = !Double.isNaN(targetShare);
        double goal = targeted ? targetShare * p.total() * (1 - 1e-12) : Double.POSITIVE_INFINITY;
        int[] chosen = new int[Math.min(maxSites, m)];
        double[] curve = new double[chosen.length + 1];
        double served = p.alreadyServed();
        curve[0] = served;
        int k = 0;
        double best = Double.POSITIVE_INFINITY;
        int fewest = 0;
        while (k < chosen.length && served < goal && !queue.isEmpty()) {
            int top = queue.poll();
            if (round[top] != k) {
                bound[top] = gain(p, hit, top);
                round[top] = k;
                queue.add(top);
                continue;
            }
            // every bound is now valid for the plan so far: tighten the bound on the optimum (or the fewest sites)
            if (targeted) {
                fewest = Math.max(fewest, fewestToReach(bound, queue, top, served, goal));
            } else {
                best = Math.min(best, served + sumOfLargest(bound, queue, top, chosen.length));
            }
            if (bound[top] <= 0) {
                break; // nothing left adds anything
            }
            for (int i = p.from(top); i < p.to(top); i++) {
                int u = p.unitAt(i);
                if (!hit[u]) {
                    hit[u] = true;
                    served += p.weight(u);
                }
            }
            bound[top] = 0;
            chosen[k++] = top;
            curve[k] = served;
        }
        // and once more for the final plan (stale bounds are still upper bounds)
        if (targeted) {
            fewest = Math.max(fewest, fewestToReach(bound, queue, -1, served, goal));
        } else {
            best = Math.min(best, served + sumOfLargest(bound, queue, -1, chosen.length));
        }
        int[] plan = Arrays.copyOf(chosen, k);
        if (improve) {
            plan = targeted && served >= goal ? Interchange.dropRedundant(p, plan, goal)
                    : Interchange.swaps(p, plan, INTERCHANGE_BUDGET);
            plan = Plans.inGreedyOrder(p, java.util.Arrays.stream(plan).boxed().toList());
        }
        double[] servedAfter = improve ? p.servedAfterEach(plan) : Arrays.copyOf(curve, k + 1);
        double reached = servedAfter[servedAfter.length - 1];
        if (targeted) {
            return new SitingPlan(plan, servedAfter, p.total(), Double.NaN, fewest,
                    fewest == plan.length && reached >= goal, "greedy");
        }
        best = Math.max(best, reached);
        return new SitingPlan(plan, servedAfter, p.total(), best, 0, best <= reached, "greedy");
    }

    private static double gain(CoverageProblem p, boolean[] hit, int c) {
        double g = 0;
        for (int i = p.from(c); i < p.to(c); i++) {
            int u = p.unitAt(i);
            if (!hit[u]) {
                g += p.weight(u);
            }
        }
        return g;
    }

    /** The sum of the {@code k} largest bounds of the candidates not chosen. */
    private static double sumOfLargest(double[] bound, PriorityQueue<Integer> queue, int extra, int k) {
        double[] values = descending(bound, queue, extra);
        double sum = 0;
        for (int i = 0; i < Math.min(k, values.length); i++) {
            sum += values[i];
        }
        return sum;
    }

    /** The fewest sites that could reach {@code goal} from {@code served}, by the bounds (a lower bound). */
    private static int fewestToReach(double[] bound, PriorityQueue<Integer> queue, int extra, double served,
            double goal) {
        if (served >= goal) {
            return 0;
        }
        double[] values = descending(bound, queue, extra);
        double sum = served;
        for (int i = 0; i < values.length; i++) {
            sum += values[i];
            if (sum >= goal) {
                return i + 1;
            }
        }
        return SitingPlan.UNREACHABLE; // not with every candidate together
    }

    /** The bounds of the candidates in the queue, and of {@code extra} (one taken out of it; -1 for none), largest first. */
    private static double[] descending(double[] bound, PriorityQueue<Integer> queue, int extra) {
        double[] values = new double[queue.size() + (extra >= 0 ? 1 : 0)];
        int i = 0;
        if (extra >= 0) {
            values[i++] = bound[extra];
        }
        for (int c : queue) {
            values[i++] = bound[c];
        }
        Arrays.sort(values);
        for (int a = 0, b = values.length - 1; a < b; a++, b--) {
            double t = values[a];
            values[a] = values[b];
            values[b] = t;
        }
        return values;
    }
}
