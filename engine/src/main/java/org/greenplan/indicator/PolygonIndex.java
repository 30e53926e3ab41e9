package org.greenplan.indicator;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/**
 * A polygon layer (park service areas, a control line) indexed for "which part of this feature lies in
 * the layer". Overlapping layer polygons count once, yet the layer is never dissolved as a whole: only
 * the few polygons touching a feature are clipped to it and unioned, and a feature wholly inside one
 * polygon costs a single prepared {@code containsProperly} (the cheapest prepared predicate: it need not
 * classify boundary contacts; a feature touching a polygon's edge from inside just takes the exact
 * overlay path and gets the same answer). Convex layer polygons (the buffer of a compact park) answer
 * that test from the feature's vertices ({@link ConvexPolygon}), cheaper still. Built once, read-only
 * afterwards, so reusable.
 */
final class PolygonIndex {

    /** One layer polygon: prepared for the general predicates, and its convex form when it has one. */
    private record Entry(PreparedGeometry prepared, ConvexPolygon convex) {

        boolean containsProperly(Geometry g) {
            return convex != null && g instanceof Polygonal ? convex.containsProperly(g) : prepared.containsProperly(g);
        }
    }

    private final STRtree tree = new STRtree();
    private final int size;
    /** The polygons as given (the siting reads a single facility's served ground back). */
    private final List<Geometry> polygons;

    PolygonIndex(List<Geometry> polygons) {
        this.polygons = List.copyOf(polygons);
        for (Geometry g : polygons) {
            if (!g.isEmpty()) {
                tree.insert(g.getEnvelopeInternal(), new Entry(PreparedGeometryFactory.prepare(g), ConvexPolygon.of(g)));
            }
        }
        size = polygons.size();
        tree.build(); // built up front: a lazily built tree is not safe to share between threads
    }

    /** The (non-empty) polygons indexed. */
    List<Geometry> polygons() {
        return polygons.stream().filter(g -> !g.isEmpty()).toList();
    }

    /**
     * An index of overlapping pieces (a walker's served ground: hundreds of buffered street chains) dissolved
     * once, cell by cell ({@link CellDissolve}), then cut in halves until each part is small: a feature then meets
     * the few parts it lies in instead of every piece near it, so the union is paid once, not once per feature and
     * requirement. The parts do not overlap, so a feature's overlap is the union of its cuts by them.
     */
    static PolygonIndex dissolved(List<Geometry> pieces) {
        List<Geometry> parts = new ArrayList<>();
        for (CellDissolve.Cell cell : CellDissolve.of(pieces).cells()) {
            for (int i = 0; i < cell.ground().getNumGeometries(); i++) {
                cut(cell.ground().getGeometryN(i), parts);
            }
        }
        return new PolygonIndex(parts);
    }

    /** Vertices a dissolved part may keep: more, and it is cut in two across its longer side. */
    private static final int MAX_PART_VERTICES = 512;

    private static void cut(Geometry g, List<Geometry> out) {
        org.locationtech.jts.geom.Envelope e = g.getEnvelopeInternal();
        if (g.getNumPoints() <= MAX_PART_VERTICES || Math.max(e.getWidth(), e.getHeight()) < 50) {
            if (!g.isEmpty()) {
                out.add(g);
            }
            return;
        }
        boolean wide = e.getWidth() >= e.getHeight();
        double mid = wide ? (e.getMinX() + e.getMaxX()) / 2 : (e.getMinY() + e.getMaxY()) / 2;
        org.locationtech.jts.geom.Envelope[] halves = wide
                ? new org.locationtech.jts.geom.Envelope[] {new org.locationtech.jts.geom.Envelope(e.getMinX(), mid, e.getMinY(), e.getMaxY()),
                        new org.locationtech.jts.geom.Envelope(mid, e.getMaxX(), e.getMinY(), e.getMaxY())}
                : new org.locationtech.jts.geom.Envelope[] {new org.locationtech.jts.geom.Envelope(e.getMinX(), e.getMaxX(), e.getMinY(), mid),
                        new org.locationtech.jts.geom.Envelope(e.getMinX(), e.getMaxX(), mid, e.getMaxY())};
        for (org.locationtech.jts.geom.Envelope h : halves) {
            Geometry half = Overlay.polygonal(Overlay.intersection(g, g.getFactory().toGeometry(h)));
            for (int i = 0; i < half.getNumGeometries(); i++) {
                cut(half.getGeometryN(i), out);
            }
        }
    }

    int size() {
        return size;
    }

    /** The part of {@code g} inside the layer (g itself when wholly inside, empty when outside). */
    @SuppressWarnings("unchecked")
    Geometry overlap(Geometry g) {
        List<Entry> candidates = tree.query(g.getEnvelopeInternal());
        List<Geometry> touching = new ArrayList<>(candidates.size());
        for (Entry c : candidates) {
            if (c.containsProperly(g)) {
                return g;
            }
            if (c.prepared().intersects(g)) {
                touching.add(c.prepared().getGeometry());
            }
        }
        if (touching.isEmpty()) {
            return g.getFactory().createPolygon();
        }
        if (touching.size() == 1) {
            return Overlay.polygonal(Overlay.intersection(g, touching.get(0)));
        }
        // Clip first, then union: the clipped pieces are small, the service areas are not.
        List<Geometry> pieces = new ArrayList<>(touching.size());
        for (Geometry t : touching) {
            pieces.add(Overlay.polygonal(Overlay.intersection(g, t)));
        }
        return Overlay.polygonal(UnaryUnionOp.union(pieces));
    }

    /**
     * The part of {@code g} outside the layer (g itself when wholly outside, empty when wholly inside).
     * Cheaper than {@link #overlap} when the gap is wanted: subtracting the touching polygons one by one
     * needs no union.
     */
    @SuppressWarnings("unchecked")
    Geometry outside(Geometry g) {
        List<Entry> candidates = tree.query(g.getEnvelopeInternal());
        List<Geometry> touching = new ArrayList<>(candidates.size());
        for (Entry c : candidates) {
            if (c.containsProperly(g)) {
                return g.getFactory().createPolygon();
            }
            if (c.prepared().intersects(g)) {
                touching.add(c.prepared().getGeometry());
            }
        }
        Geometry rest = g;
        for (int i = 0; i < touching.size() && !rest.isEmpty(); i++) {
            rest = Overlay.difference(rest, touching.get(i));
        }
        return rest;
    }
}
