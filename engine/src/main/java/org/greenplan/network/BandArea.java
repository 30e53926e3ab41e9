package org.greenplan.network;

import java.util.List;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * Areas of one parcel met with walked bands, without building a polygon. A walk's ground near a parcel is a union
 * of convex shapes ({@link Shape}: each reached street segment's band — JTS's buffer of that segment alone, round
 * caps — and the doors' discs), and the area of parcel ∩ band₁ ∩ band₂ ∩ … is ½∮(x dy − y dx) over its boundary
 * (Green's theorem). That boundary is made of pieces of edges already at hand: a shape's edge counts where it lies
 * outside the other shapes of its band, inside the parcel and inside every other band; a parcel's edge counts
 * where it lies inside every band. Each test clips a segment by a convex polygon or by the parcel, so the cost is a
 * few thousand half-plane tests per parcel where JTS's buffer and overlay of the same streets (¾ of the life
 * circle's time before) noded and rebuilt every band.
 *
 * <p>Edges lying on one line (the same segment's band reached by two requirements, one door's disc in two) are
 * decided by a fixed order — a shape's edge lying on another's counts as inside it when the other comes first, a
 * parcel's edge never — so such an edge counts exactly once, and edges on one line facing each other cancel.
 * Coordinates are relative to the parcel's corner, so the integral does not lose digits to the zone's
 * 500 km / 3,000 km coordinates.
 */
final class BandArea {

    /** Two edges closer than this (m) along their whole length lie on one line. */
    private static final double ON_LINE = 1e-6;

    /** A convex polygon, counter-clockwise, in the parcel's local coordinates; {@code order} breaks ties. */
    static final class Shape {
        final double[] x;
        final double[] y;
        /** Unit direction of edge i (from vertex i to i + 1). */
        final double[] ux;
        final double[] uy;
        final double minX, minY, maxX, maxY;
        final int order;

        Shape(double[] x, double[] y, int order) {
            int n = x.length;
            this.x = x;
            this.y = y;
            this.order = order;
            ux = new double[n];
            uy = new double[n];
            double x0 = Double.POSITIVE_INFINITY, y0 = Double.POSITIVE_INFINITY;
            double x1 = Double.NEGATIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                int j = i + 1 == n ? 0 : i + 1;
                double dx = x[j] - x[i], dy = y[j] - y[i], len = Math.sqrt(dx * dx + dy * dy);
                ux[i] = len == 0 ? 0 : dx / len;
                uy[i] = len == 0 ? 0 : dy / len;
                x0 = Math.min(x0, x[i]);
                y0 = Math.min(y0, y[i]);
                x1 = Math.max(x1, x[i]);
                y1 = Math.max(y1, y[i]);
            }
            minX = x0;
            minY = y0;
            maxX = x1;
            maxY = y1;
        }

        boolean meets(double ax, double ay, double bx, double by) {
            return Math.max(ax, bx) >= minX && Math.min(ax, bx) <= maxX && Math.max(ay, by) >= minY
                    && Math.min(ay, by) <= maxY;
        }
    }

    /**
     * The band of segment (ax, ay)–(bx, by) at distance r, as JTS buffers a two-point line with round caps and
     * {@code q} segments per quarter circle (its vertices at the same angles), counter-clockwise; a point's disc
     * when the segment has no length (as JTS buffers a point).
     */
    static Shape capsule(double ax, double ay, double bx, double by, double r, int q, int order) {
        double dx = bx - ax, dy = by - ay;
        if (dx == 0 && dy == 0) {
            return disc(ax, ay, r, q, order);
        }
        double angle = Math.atan2(dy, dx);
        int half = 2 * q; // segments per half circle
        double step = Math.PI / half;
        double[] x = new double[2 * (half + 1)];
        double[] y = new double[2 * (half + 1)];
        int k = 0;
        for (int i = 0; i <= half; i++) { // round the end b, from the right side to the left
            double a = angle - Math.PI / 2 + i * step;
            x[k] = bx + r * Math.cos(a);
            y[k++] = by + r * Math.sin(a);
        }
        for (int i = 0; i <= half; i++) { // round the start a, from the left side to the right
            double a = angle + Math.PI / 2 + i * step;
            x[k] = ax + r * Math.cos(a);
            y[k++] = ay + r * Math.sin(a);
        }
        return new Shape(x, y, order);
    }

    /** A disc of radius r as JTS buffers a point ({@code 4q} vertices from angle 0), counter-clockwise. */
    static Shape disc(double cx, double cy, double r, int q, int order) {
        int n = 4 * q;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double a = i * (2 * Math.PI / n);
            x[i] = cx + r * Math.cos(a);
            y[i] = cy + r * Math.sin(a);
        }
        return new Shape(x, y, order);
    }

    // the parcel: its rings' edges, interior on the left (shells counter-clockwise, holes clockwise), local
    private final double[] px0, py0, px1, py1;
    private final double minX, minY, maxX, maxY;
    final double originX, originY;
    /** The parcel as a shape when it is one convex ring (most are): then clipped like the shapes, without sorting. */
    private final Shape convex;

    BandArea(Geometry parcel) {
        var env = parcel.getEnvelopeInternal();
        originX = env.getMinX();
        originY = env.getMinY();
        minX = 0;
        minY = 0;
        maxX = env.getMaxX() - originX;
        maxY = env.getMaxY() - originY;
        int edges = 0;
        for (int i = 0; i < parcel.getNumGeometries(); i++) {
            if (parcel.getGeometryN(i) instanceof Polygon p && !p.isEmpty()) {
                edges += p.getExteriorRing().getNumPoints() - 1;
                for (int h = 0; h < p.getNumInteriorRing(); h++) {
                    edges += p.getInteriorRingN(h).getNumPoints() - 1;
                }
            }
        }
        px0 = new double[edges];
        py0 = new double[edges];
        px1 = new double[edges];
        py1 = new double[edges];
        int k = 0;
        for (int i = 0; i < parcel.getNumGeometries(); i++) {
            if (parcel.getGeometryN(i) instanceof Polygon p && !p.isEmpty()) {
                k = addRing(p.getExteriorRing(), true, k);
                for (int h = 0; h < p.getNumInteriorRing(); h++) {
                    k = addRing(p.getInteriorRingN(h), false, k);
                }
            }
        }
        convex = parcel instanceof Polygon p && p.getNumInteriorRing() == 0 ? convexShape() : null;
    }

    /** The parcel's one ring as a shape when no turn of it goes clockwise, else null. */
    private Shape convexShape() {
        int n = px0.length;
        for (int e = 0; e < n; e++) {
            int f = e + 1 == n ? 0 : e + 1;
            double cross = (px1[e] - px0[e]) * (py1[f] - py0[f]) - (py1[e] - py0[e]) * (px1[f] - px0[f]);
            if (cross < 0) {
                return null;
            }
        }
        return new Shape(px0.clone(), py0.clone(), Integer.MIN_VALUE);
    }

    private int addRing(LinearRing ring, boolean shell, int k) {
        Coordinate[] c = ring.getCoordinates();
        boolean reverse = Orientation.isCCW(c) != shell;
        for (int i = 0; i + 1 < c.length; i++) {
            Coordinate a = reverse ? c[c.length - 1 - i] : c[i];
            Coordinate b = reverse ? c[c.length - 2 - i] : c[i + 1];
            px0[k] = a.x - originX;
            py0[k] = a.y - originY;
            px1[k] = b.x - originX;
            py1[k] = b.y - originY;
            k++;
        }
        return k;
    }

    /** Whether a shape can reach into the parcel at all (by extent). */
    boolean meets(Shape s) {
        return s.maxX >= minX && s.minX <= maxX && s.maxY >= minY && s.minY <= maxY;
    }

    /**
     * The area of the parcel inside every band (each band a union of shapes; no band empty, no band twice).
     */
    double areaInAll(List<List<Shape>> bands) {
        return measure(bands, null);
    }

    /**
     * The part of the parcel inside every band as a polygon (zone metres), traced along the same boundary pieces the
     * measure integrates; null when they do not close into rings whose area is the measure (then build it otherwise).
     */
    Geometry polygonInAll(List<List<Shape>> bands, org.locationtech.jts.geom.GeometryFactory factory) {
        Boundary boundary = new Boundary();
        double area = measure(bands, boundary);
        Geometry polygon = boundary.polygons(factory, originX, originY);
        if (polygon == null || Math.abs(polygon.getArea() - area) > 1e-6 + 1e-9 * Math.abs(area)) {
            return null;
        }
        return polygon;
    }

    private double measure(List<List<Shape>> bands, Boundary boundary) {
        Intervals keep = new Intervals();
        Intervals in = new Intervals();
        double sum = 0;
        for (int e = 0; e < px0.length; e++) {
            keep.all();
            for (List<Shape> band : bands) {
                keep.intersect(own(band).parcelEdgeInside[e]);
                if (keep.isEmpty()) {
                    break;
                }
            }
            sum += contribution(px0[e], py0[e], px1[e], py1[e], keep, boundary);
        }
        for (int b = 0; b < bands.size(); b++) {
            Edges edges = own(bands.get(b));
            for (int k = 0; k < edges.shape.size(); k++) {
                Shape s = edges.shape.get(k);
                int i = edges.edge.get(k), j = i + 1 == s.x.length ? 0 : i + 1;
                double ax = s.x[i], ay = s.y[i], bx = s.x[j], by = s.y[j];
                keep.copyOf(edges.kept.get(k));
                for (int c = 0; c < bands.size() && !keep.isEmpty(); c++) {
                    if (c != b) {
                        insideBand(ax, ay, bx, by, bands.get(c), s, c < b ? 1 : -1, in);
                        keep.intersect(in);
                    }
                }
                sum += contribution(ax, ay, bx, by, keep, boundary);
            }
        }
        return sum;
    }

    /**
     * One band's own boundary within the parcel — the parts of its shapes' edges outside its other shapes and inside
     * the parcel — and the parts of the parcel's edges inside it: worked out once per band, whatever it is met with.
     */
    private static final class Edges {
        final List<Shape> shape = new java.util.ArrayList<>();
        final List<Integer> edge = new java.util.ArrayList<>();
        final List<Intervals> kept = new java.util.ArrayList<>();
        Intervals[] parcelEdgeInside;
    }

    private final java.util.Map<List<Shape>, Edges> edgesOf = new java.util.IdentityHashMap<>();

    private Edges own(List<Shape> band) {
        Edges known = edgesOf.get(band);
        if (known != null) {
            return known;
        }
        Edges out = new Edges();
        out.parcelEdgeInside = new Intervals[px0.length];
        for (int e = 0; e < px0.length; e++) {
            out.parcelEdgeInside[e] = new Intervals();
            insideBand(px0[e], py0[e], px1[e], py1[e], band, null, Integer.MIN_VALUE, out.parcelEdgeInside[e]);
        }
        Intervals in = new Intervals();
        for (Shape s : band) {
            if (!meets(s)) {
                continue;
            }
            int n = s.x.length;
            for (int i = 0; i < n; i++) {
                int j = i + 1 == n ? 0 : i + 1;
                double ax = s.x[i], ay = s.y[i], bx = s.x[j], by = s.y[j];
                if ((ax == bx && ay == by) || Math.max(ax, bx) < minX || Math.min(ax, bx) > maxX
                        || Math.max(ay, by) < minY || Math.min(ay, by) > maxY) {
                    continue;
                }
                Intervals keep = new Intervals();
                insideParcel(ax, ay, bx, by, keep);
                for (Shape o : band) {
                    if (keep.isEmpty()) {
                        break;
                    }
                    if (o != s && o.meets(ax, ay, bx, by) && clip(ax, ay, bx, by, o, o.order < s.order, in)) {
                        keep.subtract(in.lo[0], in.hi[0]);
                    }
                }
                if (!keep.isEmpty()) {
                    out.shape.add(s);
                    out.edge.add(i);
                    out.kept.add(keep);
                }
            }
        }
        edgesOf.put(band, out);
        return out;
    }

    /** ½ Σ (x dy − y dx) over the kept parts of segment a→b. */
    private static double contribution(double ax, double ay, double bx, double by, Intervals keep,
            Boundary boundary) {
        double sum = 0;
        for (int k = 0; k < keep.n; k++) {
            double t0 = keep.lo[k], t1 = keep.hi[k];
            double x0 = t0 == 0 ? ax : ax + t0 * (bx - ax), y0 = t0 == 0 ? ay : ay + t0 * (by - ay);
            double x1 = t1 == 1 ? bx : ax + t1 * (bx - ax), y1 = t1 == 1 ? by : ay + t1 * (by - ay);
            sum += x0 * y1 - y0 * x1;
            if (boundary != null) {
                boundary.add(x0, y0, x1, y1);
            }
        }
        return sum / 2;
    }

    /**
     * The parts of segment a→b inside the band (a union of shapes) into {@code out}. {@code own} is the shape the
     * segment is an edge of (null for the parcel's edges); where it lies on the edge of another shape facing the
     * same way, that shape counts as holding it when {@code tie} > 0 (the band comes first), never when < 0 — and
     * for a parcel's edge ({@code tie} = MIN_VALUE) never. The own shape in another band holds it as a tie does.
     */
    private static void insideBand(double ax, double ay, double bx, double by, List<Shape> band, Shape own, int tie,
            Intervals out) {
        out.clear();
        Intervals one = new Intervals();
        for (Shape o : band) {
            if (!o.meets(ax, ay, bx, by)) {
                continue;
            }
            if (o == own) {
                if (tie > 0) {
                    out.add(0, 1);
                }
                continue;
            }
            if (clip(ax, ay, bx, by, o, tie > 0, one)) {
                out.add(one.lo[0], one.hi[0]);
            }
        }
    }

    /**
     * The part of segment a→b inside convex shape o, into {@code out} as one interval of its parameter; false when
     * none. A segment lying on one of o's edges is inside when {@code tieInside} and the edge faces the same way.
     */
    private static boolean clip(double ax, double ay, double bx, double by, Shape o, boolean tieInside,
            Intervals out) {
        double lo = 0, hi = 1;
        double dx = bx - ax, dy = by - ay;
        int n = o.x.length;
        for (int i = 0; i < n; i++) {
            double ux = o.ux[i], uy = o.uy[i];
            if (ux == 0 && uy == 0) {
                continue;
            }
            double d0 = ux * (ay - o.y[i]) - uy * (ax - o.x[i]); // distance left of the edge's line: inside ≥ 0
            double d1 = ux * (by - o.y[i]) - uy * (bx - o.x[i]);
            if (Math.abs(d0) <= ON_LINE && Math.abs(d1) <= ON_LINE) {
                if (tieInside && ux * dx + uy * dy > 0) {
                    continue;
                }
                return false;
            }
            if (d0 < 0 && d1 < 0) {
                return false;
            }
            if (d0 >= 0 && d1 >= 0) {
                continue;
            }
            double t = d0 / (d0 - d1);
            if (d0 < 0) {
                lo = Math.max(lo, t);
            } else {
                hi = Math.min(hi, t);
            }
            if (lo >= hi) {
                return false;
            }
        }
        out.clear();
        out.add(lo, hi);
        return true;
    }

    /** The parts of segment a→b inside the parcel, into {@code out}; lying on the parcel's edge facing the same way is inside. */
    private void insideParcel(double ax, double ay, double bx, double by, Intervals out) {
        if (convex != null) {
            if (!clip(ax, ay, bx, by, convex, true, out)) {
                out.clear();
            }
            return;
        }
        out.clear();
        double dx = bx - ax, dy = by - ay;
        double len = Math.sqrt(dx * dx + dy * dy);
        double[] ts = new double[2 * px0.length + 2];
        int m = 0;
        ts[m++] = 0;
        ts[m++] = 1;
        for (int e = 0; e < px0.length; e++) {
            double cx = px0[e], cy = py0[e], ex = px1[e] - cx, ey = py1[e] - cy;
            // distances of the parcel edge's ends from the segment's line
            double dc = (dx * (cy - ay) - dy * (cx - ax)) / len;
            double dd = (dx * (py1[e] - ay) - dy * (px1[e] - ax)) / len;
            if (Math.abs(dc) <= ON_LINE && Math.abs(dd) <= ON_LINE) { // on one line: its ends cut the segment
                ts[m++] = ((cx - ax) * dx + (cy - ay) * dy) / (len * len);
                ts[m++] = ((px1[e] - ax) * dx + (py1[e] - ay) * dy) / (len * len);
                continue;
            }
            if ((dc > 0 && dd > 0) || (dc < 0 && dd < 0)) {
                continue;
            }
            double denom = dx * ey - dy * ex;
            if (denom == 0) {
                continue;
            }
            double t = ((cx - ax) * ey - (cy - ay) * ex) / denom;
            ts[m++] = t;
        }
        java.util.Arrays.sort(ts, 0, m);
        for (int k = 0; k + 1 < m; k++) {
            double t0 = Math.max(0, ts[k]), t1 = Math.min(1, ts[k + 1]);
            if (t1 <= t0) {
                continue;
            }
            double t = (t0 + t1) / 2;
            if (holds(ax + t * dx, ay + t * dy, dx, dy)) {
                out.add(t0, t1);
            }
        }
    }

    /**
     * Whether the parcel holds point (x, y) of a segment going (dx, dy): by crossings, or — on a parcel edge — when
     * that edge faces the segment's way.
     */
    private boolean holds(double x, double y, double dx, double dy) {
        boolean inside = false;
        for (int e = 0; e < px0.length; e++) {
            double cx = px0[e], cy = py0[e], fx = px1[e], fy = py1[e];
            double ex = fx - cx, ey = fy - cy, len = Math.sqrt(ex * ex + ey * ey);
            if (len > 0) {
                double along = ((x - cx) * ex + (y - cy) * ey) / len;
                double off = (ex * (y - cy) - ey * (x - cx)) / len;
                if (Math.abs(off) <= ON_LINE && along >= -ON_LINE && along <= len + ON_LINE) {
                    return ex * dx + ey * dy > 0;
                }
            }
            if ((cy > y) != (fy > y) && x < cx + (y - cy) * ex / ey) {
                inside = !inside;
            }
        }
        return inside;
    }

    /**
     * The boundary pieces of a measured part, directed with the part on their left, joined into rings: ends closer
     * than {@link #NODE} are one node; at a node with several ways on, the ring takes the first clockwise from the
     * way it came (so parts touching at a point stay apart). Counter-clockwise rings are shells, clockwise ones holes.
     */
    static final class Boundary {
        private static final double NODE = 1e-6;
        private final java.util.List<double[]> pieces = new java.util.ArrayList<>();

        void add(double x0, double y0, double x1, double y1) {
            if (Math.abs(x1 - x0) > NODE || Math.abs(y1 - y0) > NODE) {
                pieces.add(new double[] {x0, y0, x1, y1});
            }
        }

        /** The rings as polygons (shifted back by the origin), or null when a piece finds no way on. */
        Geometry polygons(org.locationtech.jts.geom.GeometryFactory factory, double ox, double oy) {
            if (pieces.isEmpty()) {
                return factory.createPolygon();
            }
            java.util.Map<Long, java.util.List<Integer>> cells = new java.util.HashMap<>();
            java.util.List<double[]> nodes = new java.util.ArrayList<>();
            int[] from = new int[pieces.size()];
            int[] to = new int[pieces.size()];
            for (int i = 0; i < pieces.size(); i++) {
                double[] p = pieces.get(i);
                from[i] = node(p[0], p[1], cells, nodes);
                to[i] = node(p[2], p[3], cells, nodes);
            }
            java.util.List<java.util.List<Integer>> out = new java.util.ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                out.add(new java.util.ArrayList<>(2));
            }
            for (int i = 0; i < pieces.size(); i++) {
                if (from[i] != to[i]) {
                    out.get(from[i]).add(i);
                }
            }
            boolean[] used = new boolean[pieces.size()];
            // a piece and one going back between the same nodes cancel (two shapes meeting along a line: both edges
            // are counted by the measure, in opposite directions, and bound nothing)
            java.util.Map<Long, java.util.List<Integer>> between = new java.util.HashMap<>();
            for (int i = 0; i < pieces.size(); i++) {
                if (from[i] == to[i]) {
                    continue;
                }
                java.util.List<Integer> back = between.get((long) to[i] << 32 | from[i]);
                if (back != null && !back.isEmpty()) {
                    used[back.remove(back.size() - 1)] = true;
                    used[i] = true;
                } else {
                    between.computeIfAbsent((long) from[i] << 32 | to[i], k -> new java.util.ArrayList<>(1)).add(i);
                }
            }
            java.util.List<Coordinate[]> shells = new java.util.ArrayList<>();
            java.util.List<Coordinate[]> holes = new java.util.ArrayList<>();
            for (int start = 0; start < pieces.size(); start++) {
                if (used[start] || from[start] == to[start]) {
                    continue;
                }
                java.util.List<Coordinate> ring = new java.util.ArrayList<>();
                int e = start;
                while (true) {
                    used[e] = true;
                    double[] n = nodes.get(from[e]);
                    ring.add(new Coordinate(n[0] + ox, n[1] + oy));
                    int v = to[e];
                    if (v == from[start]) {
                        break;
                    }
                    int next = -1;
                    double best = Double.POSITIVE_INFINITY;
                    double[] here = nodes.get(v);
                    double back = Math.atan2(nodes.get(from[e])[1] - here[1], nodes.get(from[e])[0] - here[0]);
                    for (int c : out.get(v)) {
                        if (used[c]) {
                            continue;
                        }
                        double[] w = nodes.get(to[c]);
                        double turn = back - Math.atan2(w[1] - here[1], w[0] - here[0]); // clockwise from the way back
                        while (turn <= 0) {
                            turn += 2 * Math.PI;
                        }
                        while (turn > 2 * Math.PI) {
                            turn -= 2 * Math.PI;
                        }
                        if (turn < best) {
                            best = turn;
                            next = c;
                        }
                    }
                    if (next < 0) {
                        return null;
                    }
                    e = next;
                }
                if (ring.size() < 3) {
                    return null;
                }
                ring.add(ring.get(0).copy());
                Coordinate[] cs = ring.toArray(Coordinate[]::new);
                (Orientation.isCCW(cs) ? shells : holes).add(cs);
            }
            java.util.List<Polygon> polygons = new java.util.ArrayList<>();
            java.util.List<java.util.List<LinearRing>> holesOf = new java.util.ArrayList<>();
            java.util.List<Polygon> plain = new java.util.ArrayList<>();
            for (Coordinate[] shell : shells) {
                plain.add(factory.createPolygon(shell));
                holesOf.add(new java.util.ArrayList<>());
            }
            for (Coordinate[] hole : holes) {
                int in = -1;
                double smallest = Double.POSITIVE_INFINITY;
                Coordinate probe = hole[0];
                for (int k = 0; k < plain.size(); k++) {
                    Polygon shell = plain.get(k);
                    if (shell.getArea() < smallest && shell.getEnvelopeInternal().covers(hole[0])
                            && org.locationtech.jts.algorithm.PointLocation.isInRing(
                                    midpointOf(hole), shell.getExteriorRing().getCoordinates())) {
                        in = k;
                        smallest = shell.getArea();
                    }
                }
                if (in < 0 || probe == null) {
                    return null;
                }
                holesOf.get(in).add(factory.createLinearRing(hole));
            }
            for (int k = 0; k < plain.size(); k++) {
                polygons.add(factory.createPolygon(plain.get(k).getExteriorRing(),
                        holesOf.get(k).toArray(LinearRing[]::new)));
            }
            return polygons.size() == 1 ? polygons.get(0) : factory.createMultiPolygon(polygons.toArray(Polygon[]::new));
        }

        /** The middle of a hole's first edge: on the hole, off its shell's vertices it may touch. */
        private static Coordinate midpointOf(Coordinate[] ring) {
            return new Coordinate((ring[0].x + ring[1].x) / 2, (ring[0].y + ring[1].y) / 2);
        }

        private static int node(double x, double y, java.util.Map<Long, java.util.List<Integer>> cells,
                java.util.List<double[]> nodes) {
            long cx = (long) Math.floor(x / NODE), cy = (long) Math.floor(y / NODE);
            for (long dx = -1; dx <= 1; dx++) {
                for (long dy = -1; dy <= 1; dy++) {
                    java.util.List<Integer> at = cells.get((cx + dx) * 73_856_093L ^ (cy + dy) * 19_349_663L);
                    if (at != null) {
                        for (int k : at) {
                            double[] n = nodes.get(k);
                            if (Math.abs(n[0] - x) <= NODE && Math.abs(n[1] - y) <= NODE) {
                                return k;
                            }
                        }
                    }
                }
            }
            nodes.add(new double[] {x, y});
            cells.computeIfAbsent(cx * 73_856_093L ^ cy * 19_349_663L, k -> new java.util.ArrayList<>(1)).add(nodes.size() - 1);
            return nodes.size() - 1;
        }
    }

    /** Sorted, disjoint parameter intervals of one segment, within [0, 1]. */
    static final class Intervals {
        double[] lo = new double[4];
        double[] hi = new double[4];
        int n;

        void clear() {
            n = 0;
        }

        void all() {
            n = 0;
            add(0, 1);
        }

        boolean isEmpty() {
            return n == 0;
        }

        /** Adds [a, b], merging with what it meets. */
        void add(double a, double b) {
            if (b <= a) {
                return;
            }
            int i = 0;
            while (i < n && hi[i] < a) {
                i++;
            }
            int j = i;
            while (j < n && lo[j] <= b) {
                a = Math.min(a, lo[j]);
                b = Math.max(b, hi[j]);
                j++;
            }
            int removed = j - i;
            if (removed == 0) {
                grow();
                System.arraycopy(lo, i, lo, i + 1, n - i);
                System.arraycopy(hi, i, hi, i + 1, n - i);
                n++;
            } else if (removed > 1) {
                System.arraycopy(lo, j, lo, i + 1, n - j);
                System.arraycopy(hi, j, hi, i + 1, n - j);
                n -= removed - 1;
            }
            lo[i] = a;
            hi[i] = b;
        }

        /** Removes [a, b]. */
        void subtract(double a, double b) {
            Intervals out = new Intervals();
            for (int k = 0; k < n; k++) {
                if (hi[k] <= a || lo[k] >= b) {
                    out.add(lo[k], hi[k]);
                } else {
                    out.add(lo[k], a);
                    out.add(b, hi[k]);
                }
            }
            copy(out);
        }

        /** Keeps what {@code other} also holds. */
        void intersect(Intervals other) {
            Intervals out = new Intervals();
            int i = 0, j = 0;
            while (i < n && j < other.n) {
                double a = Math.max(lo[i], other.lo[j]), b = Math.min(hi[i], other.hi[j]);
                if (b > a) {
                    out.add(a, b);
                }
                if (hi[i] < other.hi[j]) {
                    i++;
                } else {
                    j++;
                }
            }
            copy(out);
        }

        void copyOf(Intervals o) {
            n = 0;
            for (int k = 0; k < o.n; k++) {
                add(o.lo[k], o.hi[k]);
            }
        }

        private void copy(Intervals o) {
            lo = o.lo;
            hi = o.hi;
            n = o.n;
        }

        private void grow() {
            if (n == lo.length) {
                lo = java.util.Arrays.copyOf(lo, 2 * n);
                hi = java.util.Arrays.copyOf(hi, 2 * n);
            }
        }
    }
}
