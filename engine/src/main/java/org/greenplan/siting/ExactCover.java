package org.greenplan.siting;

import com.google.ortools.Loader;
import com.google.ortools.sat.BoolVar;
import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.LinearExpr;
import com.google.ortools.sat.Literal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The covering problems solved exactly with OR-Tools CP-SAT, within a time limit. The model is the textbook
 * one (Church &amp; ReVelle 1974): a 0/1 variable per candidate and per demand unit, a unit counts only when one of
 * the candidates serving it is chosen. It is built on the {@linkplain CoverageProblem#merged() merged} problem,
 * which has one unit per distinct set of candidates, not one per parcel. CP-SAT needs integer weights: they are
 * scaled so that the movable weight is 10⁹ (a rounding of at most one part in 10⁹ per unit); the plan's
 * served weight is then recomputed in doubles from the chosen sites. When the time limit stops the search
 * before a proof, the best plan found and CP-SAT's bound are returned and {@link SitingPlan#proven()} is false.
 */
public final class ExactCover implements SiteSelector {

    private static final double SCALE = 1e9;

    private final Duration timeLimit;
    private final int workers;

    public ExactCover(Duration timeLimit, int workers) {
        this.timeLimit = timeLimit;
        this.workers = workers;
    }

    @Override
    public SitingPlan maximize(CoverageProblem problem, int sites) {
        if (sites < 0) {
            throw new IllegalArgumentException("sites must be ≥ 0, not " + sites);
        }
        Model model = new Model(problem.merged());
        model.cp.addLessOrEqual(LinearExpr.sum(model.open), sites);
        model.cp.maximize(model.servedExpression());
        return model.solve(problem, this, false, Double.NaN);
    }

    @Override
    public SitingPlan reach(CoverageProblem problem, double targetShare, int maxSites) {
        Model model = new Model(problem.merged());
        double needed = targetShare * problem.total() - problem.alreadyServed();
        model.cp.addLessOrEqual(LinearExpr.sum(model.open), maxSites);
        if (needed > 0) {
            // scaled, less the worst rounding of every unit, so a plan that reaches it in doubles is never cut off
            long required = (long) Math.floor(needed * model.scale) - model.weights.length;
            if (needed > model.movable * (1 + 1e-12)) {
                return bestInstead(problem, maxSites); // out of reach: the most that can be served, and say so
            }
            model.cp.addGreaterOrEqual(model.servedExpression(), Math.max(0, required));
        }
        model.cp.minimize(LinearExpr.sum(model.open));
        SitingPlan plan = model.solve(problem, this, true, targetShare);
        return plan == null ? bestInstead(problem, maxSites) : plan;
    }

    private SitingPlan bestInstead(CoverageProblem problem, int maxSites) {
        SitingPlan best = maximize(problem, maxSites);
        return new SitingPlan(best.chosen(), best.servedAfter(), best.total(), best.bestPossible(), SitingPlan.UNREACHABLE,
                best.proven(), best.solver());
    }

    /** The CP-SAT model of one merged problem. */
    private static final class Model {

        final CpModel cp = new CpModel();
        final BoolVar[] open;
        final BoolVar[] counted;
        final long[] weights;
        final double scale;
        final double movable;

        Model(CoverageProblem merged) {
            Loader.loadNativeLibraries();
            int m = merged.candidateCount();
            open = new BoolVar[m];
            for (int c = 0; c < m; c++) {
                open[c] = cp.newBoolVar("open" + c);
            }
            List<List<Literal>> servers = new ArrayList<>();
            for (int u = 0; u < merged.unitCount(); u++) {
                servers.add(new ArrayList<>());
            }
            for (int c = 0; c < m; c++) {
                for (int i = merged.from(c); i < merged.to(c); i++) {
                    servers.get(merged.unitAt(i)).add(open[c]);
                }
            }
            double sum = 0;
            List<Integer> movableUnits = new ArrayList<>();
            for (int u = 0; u < merged.unitCount(); u++) {
                if (!merged.served(u) && !servers.get(u).isEmpty() && merged.weight(u) > 0) {
                    movableUnits.add(u);
                    sum += merged.weight(u);
                }
            }
            movable = sum;
            scale = sum > 0 ? SCALE / sum : 1;
            counted = new BoolVar[movableUnits.size()];
            weights = new long[movableUnits.size()];
            for (int i = 0; i < counted.length; i++) {
                int u = movableUnits.get(i);
                counted[i] = cp.newBoolVar("unit" + u);
                weights[i] = Math.round(merged.weight(u) * scale);
                // a unit counts only if one of its servers is open: ¬counted ∨ open₁ ∨ open₂ ∨ …
                List<Literal> clause = new ArrayList<>(servers.get(u));
                clause.add(counted[i].not());
                cp.addBoolOr(clause);
            }
        }

        LinearExpr servedExpression() {
            return LinearExpr.weightedSum(counted, weights);
        }

        /** Solves; null when the model is infeasible (a target out of reach within the site limit). */
        SitingPlan solve(CoverageProblem original, ExactCover settings, boolean minimizingSites, double target) {
            CpSolver solver = new CpSolver();
            solver.getParameters().setMaxTimeInSeconds(settings.timeLimit.toMillis() / 1000.0);
            solver.getParameters().setNumWorkers(Math.max(1, settings.workers));
            solver.getParameters().setRandomSeed(1);
            CpSolverStatus status = solver.solve(cp);
            if (status == CpSolverStatus.INFEASIBLE) {
                return null;
            }
            if (status != CpSolverStatus.OPTIMAL && status != CpSolverStatus.FEASIBLE) {
                throw new IllegalStateException("CP-SAT found no plan within " + settings.timeLimit + " (" + status + ")");
            }
            boolean proven = status == CpSolverStatus.OPTIMAL;
            List<Integer> chosen = new ArrayList<>();
            for (int c = 0; c < open.length; c++) {
                if (solver.booleanValue(open[c])) {
                    chosen.add(c);
                }
            }
            int[] order = Plans.inGreedyOrder(original, chosen);
            double[] curve = original.servedAfterEach(order);
            double served = curve[curve.length - 1];
            if (minimizingSites) {
                int fewest = proven ? order.length : (int) Math.ceil(solver.bestObjectiveBound() - 1e-9);
                return new SitingPlan(order, curve, original.total(), Double.NaN, fewest, proven, "exact");
            }
            // the bound in weight; the rounding of the scaled weights can move it by at most half a unit each
            double bound = proven ? served
                    : original.alreadyServed() + (solver.bestObjectiveBound() + weights.length * 0.5) / scale;
            return new SitingPlan(order, curve, original.total(), Math.max(bound, served), 0, proven, "exact");
        }
    }
}
