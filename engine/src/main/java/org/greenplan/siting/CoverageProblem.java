package org.greenplan.siting;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A covering instance. Demand units (a parcel, or a piece of one) have a weight (m² of residential land, or
 * residents); each candidate site serves a set of units; units the existing parks or facilities already serve
 * count as covered whatever is chosen (they stay fixed, spopt #267). Immutable; candidates' unit lists are held
 * in one array (compressed rows) so a city's instance is a few arrays, not millions of objects.
 */
public final class CoverageProblem {

    private final double[] weight;
    private final boolean[] served;
    private final int[] start;
    private final int[] units;
    private final double total;
    private final double alreadyServed;

    private CoverageProblem(double[] weight, boolean[] served, int[] start, int[] units) {
        this.weight = weight;
        this.served = served;
        this.start = start;
        this.units = units;
        double t = 0;
        double s = 0;
        for (int i = 0; i < weight.length; i++) {
            t += weight[i];
            if (served[i]) {
                s += weight[i];
            }
        }
        this.total = t;
        this.alreadyServed = s;
    }

    /**
     * @param weight the weight of each demand unit (finite, ≥ 0)
     * @param served which units existing sites already serve (same length as weight)
     * @param covers for each candidate, the indices of the units it would serve
     */
    public static CoverageProblem of(double[] weight, boolean[] served, List<int[]> covers) {
        if (served.length != weight.length) {
            throw new IllegalArgumentException("served has " + served.length + " entries for " + weight.length + " units");
        }
        for (int i = 0; i < weight.length; i++) {
            if (!(weight[i] >= 0) || Double.isInfinite(weight[i])) {
                throw new IllegalArgumentException("unit " + i + " has weight " + weight[i] + "; weights are finite and ≥ 0");
            }
        }
        int[] start = new int[covers.size() + 1];
        int n = 0;
        for (int c = 0; c < covers.size(); c++) {
            n += covers.get(c).length;
            start[c + 1] = n;
        }
        int[] units = new int[n];
        for (int c = 0; c < covers.size(); c++) {
            int[] own = covers.get(c).clone();
            Arrays.sort(own);
            for (int k = 0; k < own.length; k++) {
                if (own[k] < 0 || own[k] >= weight.length) {
                    throw new IllegalArgumentException("candidate " + c + " names unit " + own[k] + " of " + weight.length);
                }
                if (k > 0 && own[k] == own[k - 1]) {
                    throw new IllegalArgumentException("candidate " + c + " names unit " + own[k] + " twice");
                }
            }
            System.arraycopy(own, 0, units, start[c], own.length);
        }
        return new CoverageProblem(weight.clone(), served.clone(), start, units);
    }

    public int unitCount() {
        return weight.length;
    }

    public int candidateCount() {
        return start.length - 1;
    }

    public double weight(int unit) {
        return weight[unit];
    }

    public boolean served(int unit) {
        return served[unit];
    }

    /** The units candidate {@code c} serves are {@code units()[from(c)] … units()[to(c) - 1]}, ascending. */
    int from(int candidate) {
        return start[candidate];
    }

    int to(int candidate) {
        return start[candidate + 1];
    }

    int unitAt(int index) {
        return units[index];
    }

    /** The weight of every unit: the coverage ratio's denominator. */
    public double total() {
        return total;
    }

    /** The weight the existing sites serve before any new one. */
    public double alreadyServed() {
        return alreadyServed;
    }

    /** The weight served by the existing sites plus the given candidates (each unit counted once). */
    public double servedWith(int[] chosen) {
        double[] curve = servedAfterEach(chosen);
        return curve[curve.length - 1];
    }

    /**
     * The served weight after 0, 1, … of the sites, in their order: the coverage curve, in one pass over the
     * sites' units ({@code [0]} = what the existing sites serve).
     */
    public double[] servedAfterEach(int[] order) {
        boolean[] hit = served.clone();
        double[] curve = new double[order.length + 1];
        double sum = alreadyServed;
        curve[0] = sum;
        for (int k = 0; k < order.length; k++) {
            int c = order[k];
            for (int i = start[c]; i < start[c + 1]; i++) {
                int u = units[i];
                if (!hit[u]) {
                    hit[u] = true;
                    sum += weight[u];
                }
            }
            curve[k + 1] = sum;
        }
        return curve;
    }

    /**
     * The same problem with units that no candidate can change left out and units served by exactly the same
     * candidates merged into one (their weights summed): an exact solver's model shrinks by orders of magnitude
     * on a real town (most parcels lie in the reach of the same few candidates), the optimum does not change.
     * Served units become one constant; {@link #total()} and {@link #alreadyServed()} are kept.
     */
    public CoverageProblem merged() {
        int m = candidateCount();
        List<List<Integer>> byUnit = new ArrayList<>();
        for (int i = 0; i < weight.length; i++) {
            byUnit.add(null);
        }
        for (int c = 0; c < m; c++) {
            for (int k = start[c]; k < start[c + 1]; k++) {
                int u = units[k];
                if (!served[u]) {
                    if (byUnit.get(u) == null) {
                        byUnit.set(u, new ArrayList<>(2));
                    }
                    byUnit.get(u).add(c);
                }
            }
        }
        Map<List<Integer>, Integer> group = new HashMap<>();
        List<Double> groupWeight = new ArrayList<>();
        List<List<Integer>> groupCandidates = new ArrayList<>();
        for (int u = 0; u < weight.length; u++) {
            List<Integer> sig = byUnit.get(u);
            if (sig == null || weight[u] == 0) {
                continue;
            }
            Integer g = group.get(sig);
            if (g == null) {
                g = groupWeight.size();
                group.put(sig, g);
                groupWeight.add(0.0);
                groupCandidates.add(sig);
            }
            groupWeight.set(g, groupWeight.get(g) + weight[u]);
        }
        // the merged units: one per group, then one holding what existing sites serve, one what nothing can reach
        int g = groupWeight.size();
        double[] w = new double[g + 2];
        boolean[] s = new boolean[g + 2];
        double movable = 0;
        for (int i = 0; i < g; i++) {
            w[i] = groupWeight.get(i);
            movable += w[i];
        }
        w[g] = alreadyServed;
        s[g] = true;
        w[g + 1] = Math.max(0, total - alreadyServed - movable);
        List<List<Integer>> covers = new ArrayList<>();
        for (int c = 0; c < m; c++) {
            covers.add(new ArrayList<>());
        }
        for (int i = 0; i < g; i++) {
            for (int c : groupCandidates.get(i)) {
                covers.get(c).add(i);
            }
        }
        List<int[]> rows = new ArrayList<>(m);
        for (List<Integer> row : covers) {
            rows.add(row.stream().mapToInt(Integer::intValue).toArray());
        }
        return of(w, s, rows);
    }
}
