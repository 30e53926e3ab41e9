package org.greenplan.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.greenplan.indicator.ParcelStreets;
import org.greenplan.indicator.WalkedGround;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * The ground of one walk ({@link ServedGround}: the street pieces reached within limit − walk-off, buffered by the
 * walk-off, and discs) kept as what was reached, edge by edge, and asked parcel by parcel ({@link WalkedGround}).
 * Holding a city's walked ground this way costs an int per edge instead of its street buffers (on the scale-100
 * city one requirement's buffers alone outgrew a 1 GiB heap, docs/BENCHMARKS.md), and a parcel costs a measure of
 * the bands of its few nearby street segments ({@link NearStreets}, {@link BandArea}), shared by every requirement
 * that reaches the same of them.
 */
final class ReachedStreets implements WalkedGround {

    private static final int NONE = -1;
    private static final int WHOLE = -2;

    private final double walkOff;
    /** Per edge: NONE, WHOLE, or the index in {@link #parts} of its piece count, followed by (from, to) pairs. */
    private final int[] state;
    private final double[] parts;
    /** Discs (x, y, radius): origins snapped far from their street, doors of facilities; indexed by extent. */
    private final double[] discs;
    private final STRtree discIndex = new STRtree();

    private ReachedStreets(double walkOff, int[] state, double[] parts, double[] discs) {
        this.walkOff = walkOff;
        this.state = state;
        this.parts = parts;
        this.discs = discs;
        for (int i = 0; i < discs.length; i += 3) {
            double x = discs[i], y = discs[i + 1], r = discs[i + 2];
            discIndex.insert(new org.locationtech.jts.geom.Envelope(x - r, x + r, y - r, y + r), i);
        }
        discIndex.build(); // built up front: shared between threads
    }

    @Override
    public ParcelStreets.Part part(Geometry parcel, ParcelStreets streets) {
        NearStreets near = (NearStreets) streets;
        if (near.parcel != parcel || near.walkOff != walkOff) {
            throw new IllegalArgumentException("streets found for another parcel or walk-off");
        }
        NearStreets.Band street = near.served(e -> state[e] == NONE ? null : state[e] == WHOLE ? NearStreets.WHOLE_EDGE
                : Arrays.copyOfRange(parts, state[e] + 1, state[e] + 1 + 2 * (int) parts[state[e]]));
        List<double[]> touching = discsTouching(parcel);
        return touching.isEmpty() ? street : street.withDiscs(touching);
    }

    /** The discs (x, y, r) that meet the parcel. */
    @SuppressWarnings("unchecked")
    private List<double[]> discsTouching(Geometry parcel) {
        if (discs.length == 0) {
            return List.of();
        }
        List<double[]> out = new ArrayList<>(0);
        for (int i : (List<Integer>) discIndex.query(parcel.getEnvelopeInternal())) {
            double[] d = Arrays.copyOfRange(discs, i, i + 3);
            if (parcel.isWithinDistance(WalkGraph.METRES.createPoint(new org.locationtech.jts.geom.Coordinate(d[0], d[1])),
                    d[2])) {
                out.add(d);
            }
        }
        return out;
    }

    /** Collects what a search reached, edge by edge ({@link ServedGround#reached}). */
    static final class Builder {
        private final WalkGraph graph;
        private final double walkOff;
        private final int[] state;
        private double[] parts = new double[64];
        private int used;

        Builder(WalkGraph graph, double walkOff) {
            this.graph = graph;
            this.walkOff = walkOff;
            this.state = new int[graph.edgeCount()];
            Arrays.fill(state, NONE);
        }

        void add(int edge, List<double[]> core) {
            if (core.size() == 1 && core.get(0)[0] == 0 && core.get(0)[1] == graph.edgeLength[edge]) {
                state[edge] = WHOLE;
                return;
            }
            int need = 1 + 2 * core.size();
            if (used + need > parts.length) {
                parts = Arrays.copyOf(parts, Math.max(2 * parts.length, used + need));
            }
            state[edge] = used;
            parts[used++] = core.size();
            for (double[] iv : core) {
                parts[used++] = iv[0];
                parts[used++] = iv[1];
            }
        }

        /** @param discs (x, y, radius) each, zone metres */
        ReachedStreets build(List<double[]> discs) {
            double[] flat = new double[3 * discs.size()];
            for (int i = 0; i < discs.size(); i++) {
                System.arraycopy(discs.get(i), 0, flat, 3 * i, 3);
            }
            return new ReachedStreets(walkOff, state, Arrays.copyOf(parts, used), flat);
        }
    }
}
