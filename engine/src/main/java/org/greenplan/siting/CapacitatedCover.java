package org.greenplan.siting;

import com.google.ortools.Loader;
import com.google.ortools.sat.BoolVar;
import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.IntVar;
import com.google.ortools.sat.LinearExpr;
import com.google.ortools.sat.LinearExprBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The capacitated covering problems (Current &amp; Storbeck 1988), exactly with OR-Tools CP-SAT: a new site serves at
 * most {@code capacity} of the weight (residents) it reaches, so a clinic for 5,000 people near 12,000 leaves 7,000
 * unserved, and a second site beside it can be worth building. Each unit's weight is allocated among the open sites
 * reaching it (a parcel may be split between two sites), each site's allocation at most its capacity; the plan serves
 * the most (maximal covering) or reaches the target with the fewest sites (set covering). Units the existing sites
 * already serve stay served and take no new capacity (they are the existing sites' residents).
 *
 * <p>The allocation is the one serving the most weight for the open sites (a maximum flow, {@link #servedBy}), which the
 * curve and the served figure are computed with in doubles after the solve: assigning each parcel to its nearest site
 * with capacity left can leave residents unserved that this allocation serves, and would need distances a covering
 * problem does not carry. CP-SAT works on integers: the movable weight is scaled to 10⁹ as in {@link ExactCover}.
 */
public final class CapacitatedCover implements SiteSelector {

    private static final double SCALE = 1e9;

    private final double capacity;
    private final Duration timeLimit;
    private final int workers;

    /** @param capacity the weight one new site serves at most (residents), &gt; 0 */
    public CapacitatedCover(double capacity, Duration timeLimit, int workers) {
        if (!(capacity > 0) || Double.isInfinite(capacity)) {
            throw new IllegalArgumentException("capacity must be a positive number, not " + capacity);
        }
        this.capacity = capacity;
        this.timeLimit = timeLimit;
        this.workers = workers;
    }

    @Override
    public SitingPlan maximize(CoverageProblem problem, int sites) {
        if (sites < 0) {
            throw new IllegalArgumentException("sites must be ≥ 0, not " + sites);
        }
        Model model = new Model(problem);
        model.cp.addLessOrEqual(LinearExpr.sum(model.open), sites);
        model.cp.maximize(model.served());
        return model.solve(false);
    }

    @Override
    public SitingPlan reach(CoverageProblem problem, double targetShare, int maxSites) {
        double needed = targetShare * problem.total() - problem.alreadyServed();
        Model model = new Model(problem);
        model.cp.addLessOrEqual(LinearExpr.sum(model.open), maxSites);
        if (needed > 0) {
            // less the worst rounding of every allocation, so a plan reaching it in doubles is never cut off
            model.cp.addGreaterOrEqual(model.served(), Math.max(0, (long) Math.floor(needed * model.scale) - model.pairs));
        }
        model.cp.minimize(LinearExpr.sum(model.open));
        SitingPlan plan = model.solve(true);
        if (plan != null && plan.reaches(targetShare)) {
            return plan;
        }
        SitingPlan best = maximize(problem, maxSites); // out of reach: the most that can be served, and say so
        return new SitingPlan(best.chosen(), best.servedAfter(), best.total(), best.bestPossible(), SitingPlan.UNREACHABLE,
                best.proven(), best.solver());
    }

    /** The weight served with these new sites open: already served, plus the most their capacities can take. */
    public double servedBy(CoverageProblem p, int[] open) {
        return p.alreadyServed() + new Flow(p, open, capacity).max();
    }

    /**
     * The weight each of these new sites serves (same order) in an allocation serving the most: the sites opened in
     * this order, each taking what it can when opened, earlier ones handing residents on where that serves more.
     */
    public double[] servedPerSite(CoverageProblem p, int[] open) {
        return new Flow(p, open, capacity).perSite();
    }

    /** The capacity of a new site. */
    public double capacity() {
        return capacity;
    }

    /** The chosen sites in the order a planner builds them (each next adds the most under the capacities), and the curve. */
    private SitingPlan plan(CoverageProblem p, List<Integer> chosen, boolean proven, double bound, int fewest) {
        List<Integer> left = new ArrayList<>(chosen);
        int[] order = new int[chosen.size()];
        double[] curve = new double[order.length + 1];
        curve[0] = p.alreadyServed();
        for (int k = 0; k < order.length; k++) {
            int best = -1;
            double bestServed = -1;
            for (int c : left) {
                int[] trial = Arrays.copyOf(order, k + 1);
                trial[k] = c;
                double s = servedBy(p, trial);
                if (s > bestServed + 1e-9 || (Math.abs(s - bestServed) <= 1e-9 && c < best)) {
                    best = c;
                    bestServed = s;
                }
            }
            order[k] = best;
            curve[k + 1] = bestServed;
            left.remove(Integer.valueOf(best));
        }
        double served = curve[curve.length - 1];
        return new SitingPlan(order, curve, p.total(), Double.isNaN(bound) ? Double.NaN : Math.max(bound, served), fewest,
                proven, "exact-capacitated");
    }

    /** The CP-SAT model: a 0/1 variable per candidate, an integer allocation per (candidate, unit it reaches). */
    private final class Model {

        final CoverageProblem problem;
        final CpModel cp = new CpModel();
        final BoolVar[] open;
        final List<IntVar> allocations = new ArrayList<>();
        final double scale;
        final int pairs;

        Model(CoverageProblem p) {
            Loader.loadNativeLibraries();
            this.problem = p;
            int m = p.candidateCount();
            double movable = 0;
            for (int u = 0; u < p.unitCount(); u++) {
                movable += p.served(u) ? 0 : p.weight(u);
            }
            scale = movable > 0 ? SCALE / movable : 1;
            long cap = Math.round(capacity * scale);
            open = new BoolVar[m];
            List<List<IntVar>> toUnit = new ArrayList<>();
            for (int u = 0; u < p.unitCount(); u++) {
                toUnit.add(new ArrayList<>());
            }
            for (int c = 0; c < m; c++) {
                open[c] = cp.newBoolVar("open" + c);
                LinearExprBuilder taken = LinearExpr.newBuilder();
                for (int i = p.from(c); i < p.to(c); i++) {
                    int u = p.unitAt(i);
                    long w = Math.round(p.weight(u) * scale);
                    if (p.served(u) || w <= 0) {
                        continue;
                    }
                    IntVar a = cp.newIntVar(0, Math.min(w, cap), "a" + c + "_" + u);
                    allocations.add(a);
                    toUnit.get(u).add(a);
                    taken.add(a);
                }
                // a site serves at most its capacity, and nothing unless open
                taken.addTerm(open[c], -cap);
                cp.addLessOrEqual(taken, 0);
            }
            for (int u = 0; u < p.unitCount(); u++) {
                if (!toUnit.get(u).isEmpty()) {
                    cp.addLessOrEqual(LinearExpr.sum(toUnit.get(u).toArray(IntVar[]::new)), Math.round(p.weight(u) * scale));
                }
            }
            pairs = allocations.size();
        }

        LinearExpr served() {
            return LinearExpr.sum(allocations.toArray(IntVar[]::new));
        }

        /** Solves; null when infeasible (a target out of reach within the site limit). */
        SitingPlan solve(boolean minimizingSites) {
            CpSolver solver = new CpSolver();
            solver.getParameters().setMaxTimeInSeconds(timeLimit.toMillis() / 1000.0);
            solver.getParameters().setNumWorkers(Math.max(1, workers));
            solver.getParameters().setRandomSeed(1);
            CpSolverStatus status = solver.solve(cp);
            if (status == CpSolverStatus.INFEASIBLE) {
                return null;
            }
            if (status != CpSolverStatus.OPTIMAL && status != CpSolverStatus.FEASIBLE) {
                throw new IllegalStateException("CP-SAT found no plan within " + timeLimit + " (" + status + ")");
            }
            boolean proven = status == CpSolverStatus.OPTIMAL;
            List<Integer> chosen = new ArrayList<>();
            for (int c = 0; c < open.length; c++) {
                if (solver.booleanValue(open[c])) {
                    chosen.add(c);
                }
            }
            if (minimizingSites) {
                int fewest = proven ? chosen.size() : (int) Math.ceil(solver.bestObjectiveBound() - 1e-9);
                return plan(problem, chosen, proven, Double.NaN, fewest);
            }
            double bound = problem.alreadyServed() + (solver.bestObjectiveBound() + pairs) / scale;
            return plan(problem, chosen, proven, proven ? Double.NaN : bound, 0);
        }
    }

    /**
     * The most weight the open sites can serve: a maximum flow source → site (its capacity) → unit it reaches → sink
     * (the unit's weight), by augmenting along shortest paths (Edmonds–Karp), in doubles, on edge lists (a site's
     * units are many, the graph sparse). The sites are opened one after another in the order given, the flow
     * augmented after each, so each site's share ({@link #perSite}) is the allocation of a plan built in that order.
     */
    private static final class Flow {
        private final List<int[]> out = new ArrayList<>(); // per node, its edges' ids
        private int[] head = new int[16];
        private double[] residual = new double[16];
        private int edges;
        private final int source;
        private final int sink;
        private final int[] siteEdge;
        private double total;

        Flow(CoverageProblem p, int[] open, double capacity) {
            java.util.Map<Integer, Integer> unitNode = new java.util.HashMap<>();
            source = node();
            sink = node();
            siteEdge = new int[open.length];
            for (int k = 0; k < open.length; k++) {
                int c = open[k];
                int site = node();
                siteEdge[k] = edge(source, site, capacity);
                for (int i = p.from(c); i < p.to(c); i++) {
                    int u = p.unitAt(i);
                    if (p.served(u) || p.weight(u) <= 0) {
                        continue;
                    }
                    Integer un = unitNode.get(u);
                    if (un == null) {
                        un = node();
                        unitNode.put(u, un);
                        edge(un, sink, p.weight(u));
                    }
                    edge(site, un, Double.POSITIVE_INFINITY);
                }
                augment();
            }
        }

        private int node() {
            out.add(new int[0]);
            return out.size() - 1;
        }

        /** An edge a → b and its reverse (id ^ 1); returns the forward edge's id. */
        private int edge(int a, int b, double c) {
            if (edges + 2 > head.length) {
                head = Arrays.copyOf(head, head.length * 2);
                residual = Arrays.copyOf(residual, residual.length * 2);
            }
            head[edges] = b;
            residual[edges] = c;
            head[edges + 1] = a;
            residual[edges + 1] = 0;
            add(a, edges);
            add(b, edges + 1);
            edges += 2;
            return edges - 2;
        }

        private void add(int node, int e) {
            int[] list = out.get(node);
            int[] grown = Arrays.copyOf(list, list.length + 1);
            grown[list.length] = e;
            out.set(node, grown);
        }

        private void augment() {
            int n = out.size();
            while (true) {
                int[] via = new int[n]; // the edge a node was reached by, -1 unreached
                Arrays.fill(via, -1);
                boolean[] seen = new boolean[n];
                seen[source] = true;
                java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>(List.of(source));
                while (!queue.isEmpty() && !seen[sink]) {
                    int a = queue.poll();
                    for (int e : out.get(a)) {
                        int b = head[e];
                        if (!seen[b] && residual[e] > 1e-12) {
                            seen[b] = true;
                            via[b] = e;
                            queue.add(b);
                        }
                    }
                }
                if (!seen[sink]) {
                    return;
                }
                double push = Double.POSITIVE_INFINITY;
                for (int b = sink; b != source; b = head[via[b] ^ 1]) {
                    push = Math.min(push, residual[via[b]]);
                }
                for (int b = sink; b != source; b = head[via[b] ^ 1]) {
                    residual[via[b]] -= push;
                    residual[via[b] ^ 1] += push;
                }
                total += push;
            }
        }

        double max() {
            return total;
        }

        /** The weight each open site serves in this flow (the flow on its capacity edge). */
        double[] perSite() {
            double[] served = new double[siteEdge.length];
            for (int k = 0; k < served.length; k++) {
                served[k] = residual[siteEdge[k] ^ 1];
            }
            return served;
        }
    }
}
