package org.greenplan.indicator;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

/**
 * OverlayNG with its robust fallback (snapping) for the rare noding failure on real planning data. Public for the
 * network engine, which meets a parcel with its walked ground the same way.
 */
public final class Overlay {

    private Overlay() {
    }

    public static Geometry intersection(Geometry a, Geometry b) {
        return OverlayNGRobust.overlay(a, b, OverlayNG.INTERSECTION);
    }

    static Geometry difference(Geometry a, Geometry b) {
        return OverlayNGRobust.overlay(a, b, OverlayNG.DIFFERENCE);
    }

    /**
     * The polygons of an overlay result: an intersection of polygons may also hold the lines and points where
     * they only touch, which have no area and which a later overlay would refuse in a collection.
     */
    public static Geometry polygonal(Geometry g) {
        if (g instanceof org.locationtech.jts.geom.Polygonal || g.isEmpty()) {
            return g;
        }
        java.util.List<org.locationtech.jts.geom.Polygon> polygons = new java.util.ArrayList<>();
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Geometry part = g.getGeometryN(i);
            if (part instanceof org.locationtech.jts.geom.Polygon p && !p.isEmpty()) {
                polygons.add(p);
            } else if (part instanceof org.locationtech.jts.geom.MultiPolygon m) {
                for (int k = 0; k < m.getNumGeometries(); k++) {
                    polygons.add((org.locationtech.jts.geom.Polygon) m.getGeometryN(k));
                }
            }
        }
        return g.getFactory().createMultiPolygon(polygons.toArray(org.locationtech.jts.geom.Polygon[]::new));
    }

    /** The unary union (overlapping polygons of one collection dissolved). */
    static Geometry union(Geometry collection) {
        return OverlayNGRobust.union(collection);
    }

    static Geometry union(Geometry a, Geometry b) {
        return OverlayNGRobust.overlay(a, b, OverlayNG.UNION);
    }
}
