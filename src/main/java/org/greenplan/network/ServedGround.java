package org.greenplan.network;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.operation.buffer.BufferOp;
import org.locationtech.jts.operation.buffer.BufferParameters;

/**
 * The ground a walk of at most {@code limit} metres serves, the one model behind walking isochrones and
 * network-mode coverage: a street point p reached at walking distance d(p) ≤ limit serves the land within
 * {@code min(walkOff, limit − d(p))} of it. The walker leaves the street in a straight line, at most the
 * walk-off depth (default 50 m: the depth of plots reached from a street) and never further than the
 * distance left. Since d(p) is never shorter than the straight line from the start to p, every served point
 * lies within {@code limit} of the start as the crow flies: walking never serves more than a buffer would.
 *
 * <p><b>Built as.</b> The reached part of each edge with at least {@code walkOff} left is buffered by
 * {@code walkOff}; the fringe (less than {@code walkOff} left) is cut into bands of {@link #BAND} metres of
 * distance, each buffered by the distance left at its far end. This is an inner approximation of the model:
 * at the fringe the served depth is under-stated by less than {@link #BAND} metres, never over-stated.
 * The buffers are returned as they are, not unioned: an isochrone unions them, coverage clips them to each
 * parcel (overlaps counting once).
 */
final class ServedGround {

    /** Metres of distance per fringe band (and the most the fringe's depth is under-stated). */
    static final double BAND = 5;

    /** Reached pieces shorter than this (metres) are rounding noise at a node exactly at the limit. */
    private static final double MIN_PIECE = 1e-3;

    private final WalkGraph graph;
    private final double walkOff;
    private final BufferParameters buffer;

    ServedGround(WalkGraph graph, double walkOff, int quadrantSegments) {
        this.graph = graph;
        this.walkOff = walkOff;
        this.buffer = new BufferParameters(quadrantSegments, BufferParameters.CAP_ROUND, BufferParameters.JOIN_ROUND,
                BufferParameters.DEFAULT_MITRE_LIMIT);
    }

    /** What a finished search served within {@code limit}: the buffers (zone metres) and the edges reached. */
    record Ground(List<Geometry> buffers, int reachedEdges) {
    }

    /**
     * The ground served within {@code limit} by a search already run on {@code s} from {@code origins}
     * (seeded with a cutoff ≥ limit). Marks edges with a fresh stamp of {@code s}.
     */
    Ground of(DijkstraScratch s, List<Snap> origins, double limit) {
        s.stamp++; // fresh edge marks for this distance (reset() handles wrap-around)
        Map<Integer, List<Snap>> originsByEdge = new HashMap<>();
        for (Snap o : origins) {
            originsByEdge.computeIfAbsent(o.edge(), e -> new ArrayList<>()).add(o);
        }
        // depth served → pieces of street served with that depth
        Map<Double, List<LineString>> pieces = new LinkedHashMap<>();
        int reachedEdges = 0;
        for (int i = 0; i < s.touchedCount(); i++) {
            int u = s.touched(i);
            if (s.dist[u] > limit) {
                continue;
            }
            for (int k = graph.adjOffset[u]; k < graph.adjOffset[u + 1]; k++) {
                reachedEdges += addEdge(s, graph.adjEdge[k], originsByEdge, limit, pieces);
            }
        }
        for (Snap o : origins) { // an origin's own edge may be reached before either of its nodes
            reachedEdges += addEdge(s, o.edge(), originsByEdge, limit, pieces);
        }
        // Buffering every piece on its own and unioning the results (cascaded) is 30× faster on dense
        // networks than one buffer of all pieces; joining the pieces that continue each other straight through
        // a junction first (the buffer of a chain is the union of its pieces' buffers) cuts the inputs ~20×.
        List<Geometry> buffers = new ArrayList<>();
        pieces.forEach((depth, lines) -> {
            for (LineString chain : StraightChains.of(lines)) {
                buffers.add(BufferOp.bufferOp(chain, depth, buffer));
            }
        });
        return new Ground(buffers, reachedEdges);
    }

    /** The served depths, deepest first: walkOff, then one per fringe band down to the last positive one. */
    private double[] depths() {
        int bands = (int) Math.ceil(walkOff / BAND - 1e-9);
        double[] d = new double[bands];
        for (int k = 0; k < bands; k++) {
            d[k] = walkOff - k * BAND;
        }
        return d;
    }

    /**
     * Adds the served pieces of edge e: for each depth ρ, the part of the edge reached within limit − ρ and
     * not already within limit − (previous, deeper ρ). Returns 1 if the edge adds a piece, else 0.
     */
    private int addEdge(DijkstraScratch s, int e, Map<Integer, List<Snap>> originsByEdge, double limit,
            Map<Double, List<LineString>> pieces) {
        if (s.edgeMark[e] == s.stamp) {
            return 0;
        }
        s.edgeMark[e] = s.stamp;
        List<Snap> onEdge = originsByEdge.getOrDefault(e, List.of());
        List<double[]> deeper = List.of();
        boolean any = false;
        for (double depth : depths()) {
            List<double[]> reached = reachedWithin(s, e, onEdge, limit - depth);
            for (double[] iv : minus(reached, deeper)) {
                if (iv[1] - iv[0] >= MIN_PIECE) {
                    pieces.computeIfAbsent(depth, d -> new ArrayList<>()).add(subLine(e, iv[0], iv[1]));
                    any = true;
                }
            }
            if (reached.size() == 1 && reached.get(0)[0] <= 0 && reached.get(0)[1] >= graph.edgeLength[e]) {
                break; // the whole edge is served at this depth: nothing is left for shallower ones
            }
            deeper = reached;
        }
        return any ? 1 : 0;
    }

    /**
     * The parts of edge e (as [from, to] metres along it, sorted, disjoint) whose walking distance is at most
     * {@code c}: from each reached end, and around the origins snapped onto the edge.
     */
    private List<double[]> reachedWithin(DijkstraScratch s, int e, List<Snap> onEdge, double c) {
        double len = graph.edgeLength[e];
        List<double[]> intervals = new ArrayList<>(2);
        double fromSource = c - s.dist[graph.edgeSource[e]]; // -∞ when the source is not reached
        double fromTarget = c - s.dist[graph.edgeTarget[e]];
        if (fromSource >= 0) {
            intervals.add(new double[] {0, Math.min(len, fromSource)});
        }
        if (fromTarget >= 0) {
            intervals.add(new double[] {Math.max(0, len - fromTarget), len});
        }
        for (Snap o : onEdge) {
            double r = c - o.offset();
            if (r >= 0) {
                intervals.add(new double[] {Math.max(0, o.along() - r), Math.min(len, o.along() + r)});
            }
        }
        intervals.sort((a, b) -> Double.compare(a[0], b[0]));
        List<double[]> merged = new ArrayList<>(intervals.size());
        for (double[] iv : intervals) {
            double[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && iv[0] <= last[1]) {
                last[1] = Math.max(last[1], iv[1]);
            } else {
                merged.add(iv.clone());
            }
        }
        return merged;
    }

    /** a \ b for sorted, disjoint interval lists. */
    static List<double[]> minus(List<double[]> a, List<double[]> b) {
        List<double[]> out = new ArrayList<>();
        for (double[] iv : a) {
            double from = iv[0];
            for (double[] cut : b) {
                if (cut[1] <= from || cut[0] >= iv[1]) {
                    continue;
                }
                if (cut[0] > from) {
                    out.add(new double[] {from, cut[0]});
                }
                from = Math.max(from, cut[1]);
            }
            if (from < iv[1]) {
                out.add(new double[] {from, iv[1]});
            }
        }
        return out;
    }

    /** The part of edge e between two distances along it; a point-like piece still gets its buffer. */
    LineString subLine(int e, double from, double to) {
        List<Coordinate> cs = new ArrayList<>();
        double walked = 0;
        for (int i = graph.geomOffset[e]; i < graph.geomOffset[e + 1] - 1; i++) {
            double ax = graph.geomX[i], ay = graph.geomY[i];
            double bx = graph.geomX[i + 1], by = graph.geomY[i + 1];
            double seg = Math.hypot(bx - ax, by - ay);
            double next = walked + seg;
            if (next >= from && walked <= to && seg > 0) {
                if (cs.isEmpty()) {
                    double t = Math.max(0, (from - walked) / seg);
                    cs.add(new Coordinate(ax + t * (bx - ax), ay + t * (by - ay)));
                }
                double t = Math.min(1, (to - walked) / seg);
                cs.add(new Coordinate(ax + t * (bx - ax), ay + t * (by - ay)));
            }
            walked = next;
            if (walked >= to) {
                break;
            }
        }
        if (cs.size() == 1) {
            cs.add(cs.get(0).copy());
        }
        return WalkGraph.METRES.createLineString(cs.toArray(Coordinate[]::new));
    }
}
