package org.greenplan.indicator;

import org.locationtech.jts.algorithm.CGAlgorithmsDD;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;

/**
 * A strictly convex polygon without holes (an admin rectangle, the buffer of a compact park) answering
 * "does it cover / properly contain this feature" from the feature's shell vertices alone: a convex set
 * holds a shape exactly when it holds the shape's vertices. Each vertex costs a binary search over the
 * fan from the first corner, with JTS's exact orientation test, so the answer is the same as the
 * prepared-geometry predicate's at a fraction of its cost. Immutable, so shareable between threads.
 */
final class ConvexPolygon {

    private final double[] xs;
    private final double[] ys;

    private ConvexPolygon(double[] xs, double[] ys) {
        this.xs = xs;
        this.ys = ys;
    }

    /** The polygon as a convex one, or null when it is not a hole-free, strictly convex polygon. */
    static ConvexPolygon of(Geometry g) {
        if (!(g instanceof Polygon p) || p.getNumInteriorRing() > 0 || p.isEmpty()) {
            return null;
        }
        CoordinateSequence ring = p.getExteriorRing().getCoordinateSequence();
        int n = ring.size() - 1; // the closing point repeats the first
        if (n < 3) {
            return null;
        }
        boolean ccw = Orientation.isCCW(ring);
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            int j = ccw ? i : n - 1 - i;
            xs[i] = ring.getX(j);
            ys[i] = ring.getY(j);
        }
        // every corner a strict left turn: a simple ring (inputs are valid) that only turns left is convex;
        // a repeated or collinear vertex makes it "not convex" here, and the caller uses the general test
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n, k = (i + 2) % n;
            if (orientation(xs[i], ys[i], xs[j], ys[j], xs[k], ys[k]) != Orientation.LEFT) {
                return null;
            }
        }
        return new ConvexPolygon(xs, ys);
    }

    /**
     * Whether {@code g} is a triangle or quadrilateral without holes (alone or as the one part of a
     * multipolygon) that turns strictly left at every corner, with finite coordinates. Such a polygon is
     * valid without running the general validity check: a ring of at most four corners that only turns
     * one way cannot cross itself (a self-crossing needs a reflex turn or five corners, as in a star).
     * Most parcels are such quadrilaterals, and the general check was a twentieth of park coverage.
     */
    static boolean isValidSmallConvex(Geometry g) {
        Geometry part = g.getNumGeometries() == 1 ? g.getGeometryN(0) : null;
        if (!(part instanceof Polygon p) || p.getExteriorRing().getNumPoints() > 5) {
            return false;
        }
        CoordinateSequence ring = p.getExteriorRing().getCoordinateSequence();
        for (int i = 0; i < ring.size(); i++) {
            if (!Double.isFinite(ring.getX(i)) || !Double.isFinite(ring.getY(i))) {
                return false;
            }
        }
        return ring.size() >= 4 && ring.getX(0) == ring.getX(ring.size() - 1) && ring.getY(0) == ring.getY(ring.size() - 1)
                && of(p) != null;
    }

    /** Whether every point of {@code g} lies in this polygon or on its boundary. */
    boolean covers(Geometry g) {
        return allShellVertices(g, false);
    }

    /** Whether every point of {@code g} lies in this polygon's interior. */
    boolean containsProperly(Geometry g) {
        return allShellVertices(g, true);
    }

    private boolean allShellVertices(Geometry g, boolean strict) {
        if (g.isEmpty()) {
            return false;
        }
        for (int i = 0; i < g.getNumGeometries(); i++) {
            if (!(g.getGeometryN(i) instanceof Polygon p)) {
                return false;
            }
            // holes lie inside the shell, so the shell's vertices decide
            CoordinateSequence ring = p.getExteriorRing().getCoordinateSequence();
            for (int v = 0; v < ring.size(); v++) {
                if (!holds(ring.getX(v), ring.getY(v), strict)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Point in convex polygon: find the fan triangle (x0, i, i+1) around the point, then test its outer edge. */
    private boolean holds(double qx, double qy, boolean strict) {
        int n = xs.length;
        int first = orientation(xs[0], ys[0], xs[1], ys[1], qx, qy);
        int last = orientation(xs[0], ys[0], xs[n - 1], ys[n - 1], qx, qy);
        if (first == Orientation.RIGHT || last == Orientation.LEFT) {
            return false; // outside the wedge at corner 0
        }
        if (strict && (first != Orientation.LEFT || last != Orientation.RIGHT)) {
            return false; // on one of the two edges at corner 0
        }
        int lo = 1, hi = n - 1; // the ray 0→lo is not right of q, the ray 0→hi is (or hi is the last corner)
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (orientation(xs[0], ys[0], xs[mid], ys[mid], qx, qy) != Orientation.RIGHT) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        int edge = orientation(xs[lo], ys[lo], xs[lo + 1], ys[lo + 1], qx, qy);
        return strict ? edge == Orientation.LEFT : edge != Orientation.RIGHT;
    }

    private static int orientation(double ax, double ay, double bx, double by, double qx, double qy) {
        return CGAlgorithmsDD.orientationIndex(ax, ay, bx, by, qx, qy);
    }
}
