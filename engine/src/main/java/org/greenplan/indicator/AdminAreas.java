package org.greenplan.indicator;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Admin-area polygons in metres and the one way every indicator splits a measure by them: the part of a
 * feature inside each area (parcel ∩ area), with a prepared-geometry fast path for features wholly
 * inside one area, which is nearly all of them.
 */
final class AdminAreas {

    record Area(int index, String id, String name, Projected projected, PreparedGeometry prepared, ConvexPolygon convex) {

        /** Prepared covers, or the vertex test for a convex area and a polygonal feature (most of them). */
        boolean covers(Geometry g) {
            return convex != null && g instanceof Polygonal ? convex.covers(g) : prepared.covers(g);
        }
    }

    /** Receives, per admin area touched, the part of the whole and of its sub-part inside that area. */
    interface PartVisitor {
        void visit(Area area, Geometry wholePart, Geometry subPart);
    }

    private final List<Area> areas = new ArrayList<>();
    private final STRtree index = new STRtree();

    AdminAreas(List<Projected> projected) {
        for (Projected p : projected) {
            String name = p.feature().text("name");
            String id = p.feature().text("code") != null ? p.feature().text("code") : p.id();
            Area a = new Area(areas.size(), id, name, p, PreparedGeometryFactory.prepare(p.metres()), ConvexPolygon.of(p.metres()));
            areas.add(a);
            index.insert(p.metres().getEnvelopeInternal(), a);
        }
        index.build();
    }

    List<Area> list() {
        return areas;
    }

    int size() {
        return areas.size();
    }

    boolean isEmpty() {
        return areas.isEmpty();
    }

    /** Total population of the admin areas, or -1 when any lacks the attribute. */
    double population() {
        double sum = 0;
        for (Area a : areas) {
            if (!a.projected().hasPopulation()) {
                return -1;
            }
            sum += a.projected().population();
        }
        return sum;
    }

    /**
     * Splits {@code whole} (and {@code sub}, a part of it, may be null) by the admin areas it touches.
     * Works for polygons and lines alike: the caller measures the pieces. When {@code sub} is
     * {@code whole} itself, the visitor gets the same piece object twice.
     */
    @SuppressWarnings("unchecked")
    void split(Geometry whole, Geometry sub, PartVisitor visitor) {
        for (Area a : (List<Area>) index.query(whole.getEnvelopeInternal())) {
            if (a.covers(whole)) {
                visitor.visit(a, whole, sub);
            } else if (a.prepared().intersects(whole)) {
                Geometry area = a.projected().metres();
                Geometry wholePart = Overlay.intersection(whole, area);
                // sub is often all of whole (a parcel no park reaches): one overlay, not the same one twice
                Geometry subPart = sub == null || sub.isEmpty() ? sub : sub == whole ? wholePart : Overlay.intersection(sub, area);
                visitor.visit(a, wholePart, subPart);
            }
        }
    }
}
