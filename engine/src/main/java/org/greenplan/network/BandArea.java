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
                double dx = x[j] - x[i], dy = y[j] - y[i], len = Math.hypot(dx, dy);
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
        Intervals keep = new Intervals();
        Intervals in = new Intervals();
        double sum = 0;
        for (int e = 0; e < px0.length; e++) {
            keep.all();
            for (List<Shape> band : bands) {
                insideBand(px0[e], py0[e], px1[e], py1[e], band, null, Integer.MIN_VALUE, in);
                keep.intersect(in);
                if (keep.isEmpty()) {
                    break;
                }
            }
            sum += contribution(px0[e], py0[e], px1[e], py1[e], keep);
        }
        for (int b = 0; b < bands.size(); b++) {
            List<Shape> band = bands.get(b);
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
                    insideParcel(ax, ay, bx, by, keep);
                    if (keep.isEmpty()) {
                        continue;
                    }
                    for (Shape o : band) {
                        if (o != s && o.meets(ax, ay, bx, by)
                                && clip(ax, ay, bx, by, o, o.order < s.order, in)) {
                            keep.subtract(in.lo[0], in.hi[0]);
                            if (keep.isEmpty()) {
                                break;
                            }
                        }
                    }
                    for (int c = 0; c < bands.size() && !keep.isEmpty(); c++) {
                        if (c != b) {
                            insideBand(ax, ay, bx, by, bands.get(c), s, c < b ? 1 : -1, in);
                            keep.intersect(in);
                        }
                    }
                    sum += contribution(ax, ay, bx, by, keep);
                }
            }
        }
        return sum;
    }

    /** ½ Σ (x dy − y dx) over the kept parts of segment a→b. */
    private static double contribution(double ax, double ay, double bx, double by, Intervals keep) {
        double sum = 0;
        for (int k = 0; k < keep.n; k++) {
            double t0 = keep.lo[k], t1 = keep.hi[k];
            double x0 = ax + t0 * (bx - ax), y0 = ay + t0 * (by - ay);
            double x1 = ax + t1 * (bx - ax), y1 = ay + t1 * (by - ay);
            sum += x0 * y1 - y0 * x1;
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
        out.clear();
        double dx = bx - ax, dy = by - ay;
        double len = Math.hypot(dx, dy);
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
            double ex = fx - cx, ey = fy - cy, len = Math.hypot(ex, ey);
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
