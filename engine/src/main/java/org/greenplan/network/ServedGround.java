package org.greenplan.network;

import java.util.ArrayList;
import java.util.HashMap;
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
 * <p><b>Built exactly as</b> the street pieces reached within {@code limit − walkOff} (the core) buffered by
 * {@code walkOff}, plus, for each origin snapped further than {@code limit − walkOff} from its street, a disc
 * of {@code limit − offset} about its snap point. Nothing else is needed: going on from a point q along a
 * shortest path, the distance left falls by at least as much as the straight distance from q grows, so the
 * disc of every point beyond the core lies inside the disc of the core's end it came from (the round end of
 * the core's buffer), or inside the disc of the origin it started from.
 * The buffers are returned as they are, not unioned: an isochrone unions them, coverage clips them to each
 * parcel (overlaps counting once).
 */
final class ServedGround {

    /** Reached pieces shorter than this (metres) are rounding noise at a node exactly at the limit. */
    private static final double MIN_PIECE = 1e-3;

    private final WalkGraph graph;
    private final double walkOff;
    private final int quadrantSegments;
    private final BufferParameters buffer;
    private final boolean exactLines;

    ServedGround(WalkGraph graph, double walkOff, int quadrantSegments) {
        this(graph, walkOff, quadrantSegments, false);
    }

    /** @param exactLines buffer the street lines as they are ({@link #bufferParameters}) */
    ServedGround(WalkGraph graph, double walkOff, int quadrantSegments, boolean exactLines) {
        this.graph = graph;
        this.walkOff = walkOff;
        this.quadrantSegments = quadrantSegments;
        this.buffer = bufferParameters(quadrantSegments, exactLines);
        this.exactLines = exactLines;
    }

    /**
     * Round caps and joins, {@code quadrantSegments} per quarter circle: the buffer of every street piece. With
     * {@code exactLines} the lines are buffered as they are; without, JTS first removes a line's shallow bends (its
     * default input simplification), which moves a band's edge by up to 1 % of the walk-off (0.5 m; real OSM streets
     * then serve ~0.1 % more land) and is much cheaper on curvy streets: isochrones and park coverage keep it (the
     * load test's isochrones and district park coverage took 1.5× the time without it), the life circle's two forms
     * (polygons for the siting, parcel by parcel for the indicator) buffer exactly, so that they agree: each
     * segment on its own, round caps at both ends (the model {@link BandArea} measures; a bend's round join would
     * place its arc's vertices differently, by a fraction of a square metre).
     */
    static BufferParameters bufferParameters(int quadrantSegments, boolean exactLines) {
        BufferParameters p = new BufferParameters(quadrantSegments, BufferParameters.CAP_ROUND,
                BufferParameters.JOIN_ROUND, BufferParameters.DEFAULT_MITRE_LIMIT);
        if (exactLines) {
            p.setSimplifyFactor(0);
        }
        return p;
    }

    /** What a finished search served within {@code limit}: the buffers (zone metres) and the edges reached. */
    record Ground(List<Geometry> buffers, int reachedEdges) {
    }

    /**
     * The ground served within {@code limit} by a search already run on {@code s} from {@code origins}
     * (seeded with a cutoff ≥ limit). Marks edges with a fresh stamp of {@code s}.
     */
    Ground of(DijkstraScratch s, List<Snap> origins, double limit) {
        List<LineString> core = new ArrayList<>();
        int reachedEdges = forEachReachedEdge(s, origins, limit, (e, coreIntervals) -> {
            for (double[] iv : coreIntervals) {
                core.add(subLine(e, iv[0], iv[1]));
            }
        });
        // Buffering every piece on its own and unioning the results (cascaded) is 30× faster on dense
        // networks than one buffer of all pieces; joining the pieces that continue each other straight through
        // a junction first (the buffer of a chain is the union of its pieces' buffers) cuts the inputs ~20×.
        List<Geometry> buffers = new ArrayList<>();
        for (LineString chain : exactLines ? core : StraightChains.of(core)) {
            buffers.add(BufferOp.bufferOp(exactLines ? segmentsOf(chain) : chain, walkOff, buffer));
        }
        for (double[] d : originDiscs(origins, limit)) {
            buffers.add(disc(d, quadrantSegments));
        }
        return new Ground(buffers, reachedEdges);
    }

    /**
     * The same ground kept as the street pieces reached, edge by edge, instead of as buffers: what coverage asks
     * parcel by parcel ({@link ReachedStreets}) without ever holding a city's buffers.
     */
    ReachedStreets reached(DijkstraScratch s, List<Snap> origins, double limit, List<double[]> moreDiscs) {
        ReachedStreets.Builder out = new ReachedStreets.Builder(graph, walkOff);
        forEachReachedEdge(s, origins, limit, out::add);
        List<double[]> discs = new ArrayList<>(originDiscs(origins, limit));
        discs.addAll(moreDiscs);
        return out.build(discs);
    }

    /** A piece as its two-point segments (a one-point piece as itself): buffered, the union of their own buffers. */
    static Geometry segmentsOf(LineString piece) {
        if (piece.getNumPoints() <= 2) {
            return piece;
        }
        LineString[] segments = new LineString[piece.getNumPoints() - 1];
        for (int i = 0; i < segments.length; i++) {
            segments[i] = WalkGraph.METRES.createLineString(new Coordinate[] {piece.getCoordinateN(i),
                    piece.getCoordinateN(i + 1)});
        }
        return WalkGraph.METRES.createMultiLineString(segments);
    }

    /** The polygon of a disc (x, y, radius) in zone metres. */
    static Geometry disc(double[] xyr, int quadrantSegments) {
        return WalkGraph.METRES.createPoint(new Coordinate(xyr[0], xyr[1])).buffer(xyr[2], quadrantSegments);
    }

    /**
     * The discs (x, y, radius) about origins snapped so far from their street that less than the walk-off is left
     * there.
     */
    private List<double[]> originDiscs(List<Snap> origins, double limit) {
        List<double[]> discs = new ArrayList<>();
        for (Snap o : origins) {
            double left = limit - o.offset();
            if (left > 0 && left <= walkOff) {
                discs.add(new double[] {o.x(), o.y(), left});
            }
        }
        return discs;
    }

    /** What {@link #forEachReachedEdge} hands over: an edge and its core intervals (metres along it, non-empty). */
    interface CoreEdge {
        void accept(int edge, List<double[]> coreIntervals);
    }

    /**
     * Visits every edge with a core piece (reached within limit − walkOff) once, with its intervals; returns the
     * number of edges reached within the limit (the isochrone's count). Marks edges with a fresh stamp of s.
     */
    private int forEachReachedEdge(DijkstraScratch s, List<Snap> origins, double limit, CoreEdge visitor) {
        s.stamp++; // fresh edge marks for this distance (reset() handles wrap-around)
        Map<Integer, List<Snap>> originsByEdge = new HashMap<>();
        for (Snap o : origins) {
            originsByEdge.computeIfAbsent(o.edge(), e -> new ArrayList<>()).add(o);
        }
        int reachedEdges = 0;
        for (int i = 0; i < s.touchedCount(); i++) {
            int u = s.touched(i);
            if (s.dist[u] > limit) {
                continue;
            }
            for (int k = graph.adjOffset[u]; k < graph.adjOffset[u + 1]; k++) {
                reachedEdges += visitEdge(s, graph.adjEdge[k], originsByEdge, limit, visitor);
            }
        }
        for (Snap o : origins) { // an origin's own edge may be reached before either of its nodes
            reachedEdges += visitEdge(s, o.edge(), originsByEdge, limit, visitor);
        }
        return reachedEdges;
    }

    /**
     * Hands edge e's core pieces (reached within limit − walkOff) to the visitor. Returns 1 if any of the edge is
     * reached within the limit (the isochrone's count of reached edges), else 0.
     */
    private int visitEdge(DijkstraScratch s, int e, Map<Integer, List<Snap>> originsByEdge, double limit,
            CoreEdge visitor) {
        if (s.edgeMark[e] == s.stamp) {
            return 0;
        }
        s.edgeMark[e] = s.stamp;
        List<Snap> onEdge = originsByEdge.getOrDefault(e, List.of());
        List<double[]> core = new ArrayList<>(2);
        for (double[] iv : reachedWithin(s, e, onEdge, limit - walkOff)) {
            if (iv[1] - iv[0] >= MIN_PIECE) {
                core.add(iv);
            }
        }
        if (!core.isEmpty()) {
            visitor.accept(e, core);
        }
        for (double[] iv : reachedWithin(s, e, onEdge, limit)) {
            if (iv[1] - iv[0] >= MIN_PIECE) {
                return 1;
            }
        }
        return 0;
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

    /** Receives the segments of a piece of an edge, in order along the edge. */
    interface SegmentSink {
        void accept(Coordinate a, Coordinate b);
    }

    /**
     * The segments of edge e between {@code from} and {@code to} metres along it, the first and last cut there (the
     * edge's own vertices elsewhere; {@code to} = ∞ for the rest of the edge). Zero-length segments are skipped.
     */
    static void forEachSegment(WalkGraph graph, int e, double from, double to, SegmentSink sink) {
        double walked = 0;
        for (int i = graph.geomOffset[e]; i < graph.geomOffset[e + 1] - 1; i++) {
            double ax = graph.geomX[i], ay = graph.geomY[i];
            double bx = graph.geomX[i + 1], by = graph.geomY[i + 1];
            double seg = Math.hypot(bx - ax, by - ay);
            double next = walked + seg;
            if (next >= from && walked <= to && seg > 0) {
                double t0 = Math.max(0, (from - walked) / seg);
                double t1 = Math.min(1, (to - walked) / seg);
                sink.accept(t0 == 0 ? new Coordinate(ax, ay) : new Coordinate(ax + t0 * (bx - ax), ay + t0 * (by - ay)),
                        t1 == 1 ? new Coordinate(bx, by) : new Coordinate(ax + t1 * (bx - ax), ay + t1 * (by - ay)));
            }
            walked = next;
            if (walked >= to) {
                break;
            }
        }
    }

    /** The part of edge e between two distances along it; a point-like piece still gets its buffer. */
    LineString subLine(int e, double from, double to) {
        List<Coordinate> cs = new ArrayList<>();
        forEachSegment(graph, e, from, to, (a, b) -> {
            if (cs.isEmpty()) {
                cs.add(a);
            }
            cs.add(b);
        });
        if (cs.size() == 1) {
            cs.add(cs.get(0).copy());
        }
        return WalkGraph.METRES.createLineString(cs.toArray(Coordinate[]::new));
    }
}
