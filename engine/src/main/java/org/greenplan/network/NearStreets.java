package org.greenplan.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.greenplan.indicator.Overlay;
import org.greenplan.indicator.ParcelStreets;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.operation.buffer.BufferOp;
import org.locationtech.jts.operation.buffer.BufferParameters;

/**
 * The streets within walk-off of one parcel, found once and shared by every requirement's {@link ReachedStreets}
 * asked about it: the walked ground of a parcel depends only on the street pieces within walk-off of it (ground
 * further from a street than the walk-off is not served), so coverage needs no city-wide union of buffers. A
 * requirement that reaches all of these streets serves {@link #wholeStreetsServe() one answer} for the parcel, worked
 * out once whichever requirement asks first; one reaching none of them serves nothing but its discs.
 */
final class NearStreets implements ParcelStreets {

    /** A parcel's overlay that misses this share of its area is all of it (rounding of the buffer overlay). */
    private static final double WHOLE = 1e-12;

    final WalkGraph graph;
    final Geometry parcel;
    final double walkOff;
    final BufferParameters buffer;
    /** The parcel's envelope grown by the walk-off: no segment outside it serves the parcel. */
    final Envelope reach;
    /** The edges with a segment within the walk-off of the parcel, ascending. */
    final int[] edges;
    private Geometry whole;

    private NearStreets(WalkGraph graph, Geometry parcel, double walkOff, BufferParameters buffer, Envelope reach,
            int[] edges) {
        this.graph = graph;
        this.parcel = parcel;
        this.walkOff = walkOff;
        this.buffer = buffer;
        this.reach = reach;
        this.edges = edges;
    }

    /** @param quadrantSegments of the buffers' arcs, as the polygon form's ({@link ServedGround}) */
    static NearStreets of(WalkGraph graph, Geometry parcel, double walkOff, int quadrantSegments) {
        BufferParameters buffer = ServedGround.bufferParameters(quadrantSegments, true);
        Envelope reach = new Envelope(parcel.getEnvelopeInternal());
        reach.expandBy(walkOff);
        int[][] found = {new int[32]};
        int[] count = {0};
        SegmentGrid grid = graph.segmentGrid();
        grid.forEachSegmentNear(reach.getMinX(), reach.getMinY(), reach.getMaxX(), reach.getMaxY(), s -> {
            if (count[0] == found[0].length) {
                found[0] = Arrays.copyOf(found[0], 2 * count[0]);
            }
            found[0][count[0]++] = grid.edgeOfPoint[s];
        });
        int[] distinct = Arrays.stream(found[0], 0, count[0]).sorted().distinct().toArray();
        NearStreets probe = new NearStreets(graph, parcel, walkOff, buffer, reach, new int[0]);
        int[] near = Arrays.stream(distinct).filter(e -> probe.isNear(probe.wholeRuns(e))).toArray();
        return new NearStreets(graph, parcel, walkOff, buffer, reach, near);
    }

    /** An edge a walk reaches from end to end (its core intervals would be [0, length]). */
    static final double[] WHOLE_EDGE = new double[0];

    /**
     * What a walk serves of the parcel, given each nearby edge's core intervals ({@code coreOf}: null when none of
     * it, {@link #WHOLE_EDGE}, or (from, to) pairs in metres along it). An edge reached in part counts as whole when
     * what it misses lies beyond the walk-off of the parcel, and as unreached when what it reaches does: the parcel
     * cannot tell. Walks that leave the parcel the same streets get the same answer, worked out once: most
     * requirements reach all of a parcel's streets or none of them.
     */
    Geometry served(java.util.function.IntFunction<double[]> coreOf) {
        boolean all = true;
        boolean none = true;
        List<double[]> partial = new ArrayList<>(0);
        int[] kind = new int[edges.length]; // 0 none, 1 whole, 2 in part
        for (int i = 0; i < edges.length; i++) {
            int e = edges[i];
            double[] core = coreOf.apply(e);
            if (core == WHOLE_EDGE || (core != null && missesOnlyFarGround(e, core))) {
                kind[i] = 1;
            } else if (core != null && reachesNearGround(e, core)) {
                kind[i] = 2;
                partial.add(core);
            }
            all &= kind[i] == 1;
            none &= kind[i] == 0;
        }
        if (none) {
            return parcel.getFactory().createPolygon();
        }
        if (all) {
            return wholeStreetsServe();
        }
        int length = edges.length;
        for (double[] core : partial) {
            length += core.length;
        }
        double[] key = new double[length];
        int at = 0, p = 0;
        for (int i = 0; i < edges.length; i++) {
            key[at++] = kind[i];
            if (kind[i] == 2) {
                double[] core = partial.get(p++);
                System.arraycopy(core, 0, key, at, core.length);
                at += core.length;
            }
        }
        Pattern pattern = new Pattern(key);
        Geometry known = byPattern.get(pattern);
        if (known != null) {
            return known;
        }
        List<LineString> pieces = new ArrayList<>();
        p = 0;
        for (int i = 0; i < edges.length; i++) {
            int e = edges[i];
            if (kind[i] == 1) {
                pieces.addAll(wholeRuns(e));
            } else if (kind[i] == 2) {
                double[] core = partial.get(p++);
                for (int k = 0; k < core.length; k += 2) {
                    pieces.addAll(runs(e, core[k], core[k + 1]));
                }
            }
        }
        Geometry served = serve(pieces);
        byPattern.put(pattern, served);
        return served;
    }

    /** Which nearby edges a walk reaches whole or in part, and the parts: what decides the parcel's answer. */
    private record Pattern(double[] key) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Pattern other && Arrays.equals(key, other.key);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(key);
        }
    }

    private final java.util.Map<Pattern, Geometry> byPattern = new java.util.HashMap<>();

    /** Whether the parts of edge e outside its core intervals all lie beyond the walk-off of the parcel. */
    private boolean missesOnlyFarGround(int e, double[] core) {
        double from = 0;
        for (int k = 0; k <= core.length; k += 2) {
            double to = k < core.length ? core[k] : graph.edgeLength[e];
            if (to > from && isNear(runs(e, from, to))) {
                return false;
            }
            if (k < core.length) {
                from = core[k + 1];
            }
        }
        return true;
    }

    /** Whether any core interval of edge e comes within the walk-off of the parcel. */
    private boolean reachesNearGround(int e, double[] core) {
        for (int k = 0; k < core.length; k += 2) {
            if (isNear(runs(e, core[k], core[k + 1]))) {
                return true;
            }
        }
        return false;
    }

    private boolean isNear(List<LineString> runs) {
        for (LineString run : runs) {
            if (parcel.isWithinDistance(run, walkOff)) {
                return true;
            }
        }
        return false;
    }

    /** The part of the parcel within the walk-off of these streets: what a requirement reaching all of them serves. */
    Geometry wholeStreetsServe() {
        if (whole == null) {
            List<LineString> pieces = new ArrayList<>();
            for (int e : edges) {
                pieces.addAll(wholeRuns(e));
            }
            whole = serve(pieces);
        }
        return whole;
    }

    /**
     * The part of the parcel within the walk-off of the pieces (zone metres): their straight continuations joined
     * as the isochrones join them ({@link StraightChains}), buffered at once and met with the parcel. The parcel
     * itself when all of it is served, empty when none.
     */
    Geometry serve(List<LineString> pieces) {
        if (pieces.isEmpty()) {
            return parcel.getFactory().createPolygon();
        }
        List<LineString> chains = StraightChains.of(pieces);
        Geometry ground = BufferOp.bufferOp(WalkGraph.METRES.createMultiLineString(chains.toArray(LineString[]::new)),
                walkOff, buffer);
        return orWhole(parcel, Overlay.polygonal(Overlay.intersection(parcel, ground)));
    }

    /** The parcel itself when the part misses no more than {@link #WHOLE} of it, else the part. */
    static Geometry orWhole(Geometry parcel, Geometry part) {
        return part.getArea() >= parcel.getArea() * (1 - WHOLE) ? parcel : part;
    }

    /** The runs of edge e from end to end, its own vertices (see {@link #runs}). */
    List<LineString> wholeRuns(int e) {
        return runs(e, 0, Double.POSITIVE_INFINITY);
    }

    /**
     * The runs of edge e between {@code from} and {@code to} metres along it, cut to the segments meeting
     * {@link #reach} (the rest serves nothing here).
     */
    List<LineString> runs(int e, double from, double to) {
        List<LineString> out = new ArrayList<>(1);
        List<Coordinate> run = new ArrayList<>();
        ServedGround.forEachSegment(graph, e, from, to, (a, b) -> {
            if (reach.intersects(a, b)) {
                if (run.isEmpty()) {
                    run.add(a);
                }
                run.add(b);
            } else {
                flush(run, out);
            }
        });
        flush(run, out);
        return out;
    }

    private static void flush(List<Coordinate> run, List<LineString> out) {
        if (run.isEmpty()) {
            return;
        }
        if (run.size() == 1) {
            run.add(run.get(0).copy());
        }
        out.add(WalkGraph.METRES.createLineString(run.toArray(Coordinate[]::new)));
        run.clear();
    }
}
