package org.greenplan.demo;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.util.LineStringExtracter;
import org.locationtech.jts.geom.util.PolygonExtracter;

/** Small geometry helpers the planners' classes share, so no two of them build shapes differently. */
final class Geo {

    /** Metres in GK zone 40 (EPSG:4549). */
    static final GeometryFactory GF = new GeometryFactory(new PrecisionModel(), 4549);

    private Geo() {
    }

    static Polygon polygon(Coordinate... ring) {
        Coordinate[] closed = new Coordinate[ring.length + 1];
        for (int i = 0; i < ring.length; i++) {
            closed[i] = new Coordinate(ring[i]);
        }
        closed[ring.length] = new Coordinate(ring[0]);
        return GF.createPolygon(closed);
    }

    static Polygon rectangle(double cx, double cy, double w, double h) {
        return polygon(new Coordinate(cx - w / 2, cy - h / 2), new Coordinate(cx + w / 2, cy - h / 2),
                new Coordinate(cx + w / 2, cy + h / 2), new Coordinate(cx - w / 2, cy + h / 2));
    }

    static LineString line(Coordinate... cs) {
        return GF.createLineString(cs);
    }

    /** The polygonal part of an overlay result as a MultiPolygon (possibly empty), dropping slivers. */
    static MultiPolygon areas(Geometry g, double minArea) {
        List<Polygon> keep = new ArrayList<>();
        for (Object o : PolygonExtracter.getPolygons(g)) {
            Polygon p = (Polygon) o;
            if (!p.isEmpty() && p.getArea() >= minArea) {
                keep.add(p);
            }
        }
        return GF.createMultiPolygon(keep.toArray(Polygon[]::new));
    }

    /** The linear part of an overlay result, or null when there is none. */
    static Geometry lines(Geometry g, double minLength) {
        List<LineString> keep = new ArrayList<>();
        for (Object o : LineStringExtracter.getLines(g)) {
            LineString l = (LineString) o;
            if (l.getLength() >= minLength) {
                keep.add(l);
            }
        }
        if (keep.isEmpty()) {
            return null;
        }
        return keep.size() == 1 ? keep.get(0) : GF.createMultiLineString(keep.toArray(LineString[]::new));
    }

    /** A lumpy closed shape (hill, wetland, village) around a centre, radius varying by ±{@code wobble}. */
    static Polygon blob(double cx, double cy, double radius, double wobble, double phase1, double phase2, int n) {
        Coordinate[] ring = new Coordinate[n];
        for (int k = 0; k < n; k++) {
            double t = 2 * Math.PI * k / n;
            double r = radius * (1 + wobble * (0.6 * Math.sin(2 * t + phase1) + 0.4 * Math.sin(3 * t + phase2)));
            ring[k] = new Coordinate(CityLayout.round2(cx + r * Math.cos(t)), CityLayout.round2(cy + r * Math.sin(t)));
        }
        return polygon(ring);
    }
}
