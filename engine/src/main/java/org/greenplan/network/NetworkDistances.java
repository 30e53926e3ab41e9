package org.greenplan.network;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Walking distance from the nearest of a set of sources (e.g. all kindergartens) to every node of a
 * {@link WalkGraph}, up to a cutoff; further or unreachable nodes hold +∞. Result of
 * {@link MultiSourceDijkstra}.
 *
 * <p>{@link #distanceTo(Snap)} gives the distance to a snapped point, including the case where source and
 * point lie on the same edge and the direct walk along it is shorter than going round by the nodes.
 */
public final class NetworkDistances {

    private final WalkGraph graph;
    private final float[] node;
    private final double cutoff;
    private final int sources;
    private final int unreachableSources;
    private final BitSet edgesWithSources = new BitSet();
    private final Map<Integer, double[]> sourcesOnEdge = new HashMap<>(); // (along, offset) pairs

    NetworkDistances(WalkGraph graph, float[] node, double cutoff, Iterable<Snap> snaps) {
        this.graph = graph;
        this.node = node;
        this.cutoff = cutoff;
        int count = 0;
        int unreachable = 0;
        for (Snap s : snaps) {
            count++;
            if (!s.reachable()) {
                unreachable++;
                continue;
            }
            edgesWithSources.set(s.edge());
            double[] prev = sourcesOnEdge.getOrDefault(s.edge(), new double[0]);
            double[] next = Arrays.copyOf(prev, prev.length + 2);
            next[prev.length] = s.along();
            next[prev.length + 1] = s.offset();
            sourcesOnEdge.put(s.edge(), next);
        }
        this.sources = count;
        this.unreachableSources = unreachable;
    }

    public double cutoff() {
        return cutoff;
    }

    /** Number of sources given, including unreachable ones. */
    public int sourceCount() {
        return sources;
    }

    /** Sources that could not be snapped to the network (too far from any street). */
    public int unreachableSourceCount() {
        return unreachableSources;
    }

    /** Metres from the nearest source to the node, or +∞ beyond the cutoff. */
    public double nodeDistance(int n) {
        return node[n];
    }

    /** A copy of all node distances (float metres, +∞ beyond the cutoff), e.g. to compare with pgRouting. */
    public float[] nodeDistances() {
        return node.clone();
    }

    /**
     * Metres from the nearest source to a snapped point, its snap offset included; +∞ when the point is
     * unreachable or beyond the cutoff.
     */
    public double distanceTo(Snap p) {
        if (!p.reachable()) {
            return Double.POSITIVE_INFINITY;
        }
        int e = p.edge();
        double viaSource = node[graph.edgeSource[e]] + p.toSource();
        double viaTarget = node[graph.edgeTarget[e]] + p.toTarget();
        double best = Math.min(viaSource, viaTarget);
        if (edgesWithSources.get(e)) {
            double[] pairs = sourcesOnEdge.get(e);
            for (int i = 0; i < pairs.length; i += 2) {
                best = Math.min(best, pairs[i + 1] + Math.abs(pairs[i] - p.along()));
            }
        }
        best += p.offset();
        return best <= cutoff ? best : Double.POSITIVE_INFINITY;
    }
}
