package org.greenplan.indicator;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;

/**
 * Collects uncovered pieces into one lon/lat MultiPolygon. Pieces are not dissolved: parcels do not
 * overlap, and a city-wide union would cost more than the indicator itself.
 */
final class Gaps {

    private final List<Polygon> pieces = new ArrayList<>();

    void add(Geometry metres) {
        for (int i = 0; i < metres.getNumGeometries(); i++) {
            if (metres.getGeometryN(i) instanceof Polygon p && !p.isEmpty() && p.getArea() > 0) {
                pieces.add(p);
            }
        }
    }

    Gaps merge(Gaps other) {
        pieces.addAll(other.pieces);
        return this;
    }

    /** Unprojected piece by piece in parallel chunks: a city's gaps are tens of thousands of polygons. */
    Geometry toLonLat(MetricFrame frame) {
        List<Polygon> lonLat = Chunks.map(pieces, p -> (Polygon) frame.toLonLat(p));
        return org.greenplan.geo.GeoJson.WGS84.createMultiPolygon(lonLat.toArray(Polygon[]::new));
    }
}
