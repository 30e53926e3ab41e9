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
 * further from a street than the walk-off is not served), so coverage needs no city-wide union of buffers. What a
 * walk serves of the parcel is a {@link Band}: the bands of the segments it reached here and its discs, measured
 * without building their union ({@link BandArea}, Green's theorem over their edges) and drawn as a polygon only
 * when a gap map or the siting needs one. Walks reaching the same of these streets share one band (most reach all
 * of them or none), and the shapes of a segment reached by several walks are one object, so that its edges count
 * once where the walks' parts are met.
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
    private Band whole;
    final int quadrantSegments;

    private NearStreets(WalkGraph graph, Geometry parcel, double walkOff, int quadrantSegments, BufferParameters buffer,
            Envelope reach, int[] edges) {
        this.graph = graph;
        this.quadrantSegments = quadrantSegments;
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
        NearStreets probe = new NearStreets(graph, parcel, walkOff, quadrantSegments, buffer, reach, new int[0]);
        int[] near = Arrays.stream(distinct).filter(e -> probe.isNear(probe.wholeRuns(e))).toArray();
        return new NearStreets(graph, parcel, walkOff, quadrantSegments, buffer, reach, near);
    }

    /** An edge a walk reaches from end to end (its core intervals would be [0, length]). */
    static final double[] WHOLE_EDGE = new double[0];

    /**
     * What a walk serves of the parcel, given each nearby edge's core intervals ({@code coreOf}: null when none of
     * it, {@link #WHOLE_EDGE}, or (from, to) pairs in metres along it). An edge reached in part counts as whole when
     * what it misses lies beyond the walk-off of the parcel, and as unreached when what it reaches does: the parcel
     * cannot tell. Walks that leave the parcel the same streets get the same band, made once: most requirements
     * reach all of a parcel's streets or none of them.
     */
    Band served(java.util.function.IntFunction<double[]> coreOf) {
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
            return nothing;
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
        Band known = byPattern.get(pattern);
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
        Band served = new Band(segments(pieces), List.of());
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

    private final java.util.Map<Pattern, Band> byPattern = new java.util.HashMap<>();

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
    Band wholeStreetsServe() {
        if (whole == null) {
            List<LineString> pieces = new ArrayList<>();
            for (int e : edges) {
                pieces.addAll(wholeRuns(e));
            }
            whole = new Band(segments(pieces), List.of());
        }
        return whole;
    }

    /** The pieces' segments, (ax, ay, bx, by) in zone metres; a one-point piece is a segment of no length. */
    private static List<double[]> segments(List<LineString> pieces) {
        List<double[]> out = new ArrayList<>();
        for (LineString piece : pieces) {
            for (int i = 0; i + 1 < piece.getNumPoints(); i++) {
                Coordinate a = piece.getCoordinateN(i), b = piece.getCoordinateN(i + 1);
                out.add(new double[] {a.x, a.y, b.x, b.y});
            }
        }
        return out;
    }

    /**
     * What one walk serves of the parcel: the bands of the street segments it reached near the parcel (each
     * segment's own buffer, round caps, as JTS buffers a two-point line) and its discs, united. Its area comes from
     * {@link BandArea} without building the union; its polygon only when asked ({@link #geometry}, for the gap map
     * and the siting), traced along the same boundary ({@link #polygonServedByAll}).
     */
    final class Band implements ParcelStreets.Part {
        /** Segments (ax, ay, bx, by) and discs (x, y, r), zone metres. */
        final List<double[]> segments;
        final List<double[]> discs;
        private List<BandArea.Shape> shapes;
        private Geometry geometry;

        Band(List<double[]> segments, List<double[]> discs) {
            this.segments = segments;
            this.discs = discs;
        }

        Band withDiscs(List<double[]> more) {
            List<double[]> all = new ArrayList<>(discs);
            all.addAll(more);
            return new Band(segments, all);
        }

        /** The shapes that can reach into the parcel, shared with the parcel's other bands (one object per shape). */
        List<BandArea.Shape> shapes() {
            if (shapes == null) {
                BandArea area = bandArea();
                List<BandArea.Shape> out = new ArrayList<>();
                for (double[] s : segments) {
                    BandArea.Shape shape = shapeCache.computeIfAbsent(new Pattern(s), k -> BandArea.capsule(
                            s[0] - area.originX, s[1] - area.originY, s[2] - area.originX, s[3] - area.originY,
                            walkOff, quadrantSegments, shapeCache.size()));
                    if (area.meets(shape)) {
                        out.add(shape);
                    }
                }
                for (double[] d : discs) {
                    BandArea.Shape shape = shapeCache.computeIfAbsent(new Pattern(d), k -> BandArea.disc(
                            d[0] - area.originX, d[1] - area.originY, d[2], quadrantSegments, shapeCache.size()));
                    if (area.meets(shape)) {
                        out.add(shape);
                    }
                }
                shapes = out;
            }
            return shapes;
        }

        @Override
        public Geometry geometry() {
            if (geometry == null) {
                geometry = polygonServedByAll(List.of(this));
            }
            return geometry;
        }
    }

    private final Band nothing = new Band(List.of(), List.of());
    private final java.util.Map<Pattern, BandArea.Shape> shapeCache = new java.util.HashMap<>();
    private BandArea bandArea;

    private BandArea bandArea() {
        if (bandArea == null) {
            bandArea = new BandArea(parcel);
        }
        return bandArea;
    }

    @Override
    public double areaServedByAll(List<? extends ParcelStreets.Part> parts) {
        List<Band> bands = distinct(parts);
        return bands == null ? 0 : bands.isEmpty() ? parcel.getArea() : bandArea().areaInAll(shapesOf(bands));
    }

    /** The parts as distinct bands (a band asked twice is met once), or null when one of them reaches nothing here. */
    private static List<Band> distinct(List<? extends ParcelStreets.Part> parts) {
        List<Band> out = new ArrayList<>(parts.size());
        java.util.Set<Band> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (ParcelStreets.Part part : parts) {
            Band band = (Band) part;
            if (seen.add(band)) {
                if (band.shapes().isEmpty()) {
                    return null;
                }
                out.add(band);
            }
        }
        return out;
    }

    private static List<List<BandArea.Shape>> shapesOf(List<Band> bands) {
        return bands.stream().map(Band::shapes).toList();
    }

    /**
     * The part of the parcel that every one of these parts serves, as polygons: traced along the boundary the measure
     * integrates ({@link BandArea#polygonInAll}), or — when that does not close (edges too nearly on one line to
     * order) — JTS's buffers of the bands met with each other. The parcel itself when it is all of it, empty when none.
     */
    @Override
    public Geometry polygonServedByAll(List<? extends ParcelStreets.Part> parts) {
        List<Band> bands = distinct(parts);
        if (bands == null) {
            return parcel.getFactory().createPolygon();
        }
        if (bands.isEmpty()) {
            return parcel;
        }
        Geometry traced = bandArea().polygonInAll(shapesOf(bands), parcel.getFactory());
        if (traced != null) {
            return orWhole(parcel, traced);
        }
        Geometry c = parcel;
        for (Band band : bands) {
            Geometry b = band.geometry != null ? band.geometry : serve(band);
            c = c == parcel ? b : b == parcel ? c : Overlay.polygonal(Overlay.intersection(c, b));
            if (c.isEmpty()) {
                break;
            }
        }
        return c;
    }

    /**
     * The part of the parcel within the band (zone metres): JTS's buffer of each segment (as one multi-line: the
     * union of the segments' own buffers, the model {@link BandArea} measures) and the discs, met with the parcel.
     * The parcel itself when all of it is served, empty when none.
     */
    private Geometry serve(Band band) {
        List<Geometry> parts = new ArrayList<>();
        if (!band.segments.isEmpty()) {
            LineString[] lines = new LineString[band.segments.size()];
            for (int i = 0; i < lines.length; i++) {
                double[] s = band.segments.get(i);
                lines[i] = WalkGraph.METRES.createLineString(new Coordinate[] {new Coordinate(s[0], s[1]),
                        new Coordinate(s[2], s[3])});
            }
            Geometry ground = BufferOp.bufferOp(WalkGraph.METRES.createMultiLineString(lines), walkOff, buffer);
            parts.add(Overlay.polygonal(Overlay.intersection(parcel, ground)));
        }
        for (double[] d : band.discs) {
            Geometry disc = ServedGround.disc(d, quadrantSegments);
            if (disc.intersects(parcel)) {
                parts.add(Overlay.polygonal(Overlay.intersection(parcel, disc)));
            }
        }
        if (parts.isEmpty()) {
            return parcel.getFactory().createPolygon();
        }
        Geometry served = parts.size() == 1 ? parts.get(0)
                : Overlay.polygonal(org.locationtech.jts.operation.union.UnaryUnionOp.union(parts));
        return orWhole(parcel, served);
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
