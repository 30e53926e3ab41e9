package org.greenplan.indicator;

import java.util.HashMap;
import java.util.Map;
import org.greenplan.geo.Feature;
import org.greenplan.geo.GaussKrugerZone;
import org.greenplan.geo.GeoJson;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * Test geometry drawn in metres relative to (120°E, 30°N) and unprojected to lon/lat with zone 40, so
 * the engine's own projection is exercised on the way back in. Public for the benchmarks (org.greenplan.bench).
 */
public final class TestGeo {

    public static final GaussKrugerZone ZONE = GaussKrugerZone.of(40);
    public static final double[] ORIGIN = ZONE.project(120.0, 30.0);
    private static final GeometryFactory GF = GeoJson.WGS84;

    private TestGeo() {
    }

    /** Axis-aligned rectangle [x0,x1]×[y0,y1] in metres from the origin, as lon/lat. */
    public static Geometry rect(double x0, double y0, double x1, double y1) {
        return lonLat(GF.createPolygon(new Coordinate[] {
            m(x0, y0), m(x1, y0), m(x1, y1), m(x0, y1), m(x0, y0)}));
    }

    static Geometry point(double x, double y) {
        return lonLat(GF.createPoint(m(x, y)));
    }

    static Geometry line(double... xy) {
        Coordinate[] cs = new Coordinate[xy.length / 2];
        for (int i = 0; i < cs.length; i++) {
            cs[i] = m(xy[2 * i], xy[2 * i + 1]);
        }
        return lonLat(GF.createLineString(cs));
    }

    /** Projects a lon/lat geometry back to metres relative to the origin (for checking gap areas). */
    static Geometry metres(Geometry lonLat) {
        return ZONE.toMetres(lonLat);
    }

    public static Feature feature(String id, Geometry g, Object... keyValues) {
        Map<String, Object> attrs = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            attrs.put((String) keyValues[i], keyValues[i + 1]);
        }
        return new Feature(id, g, attrs);
    }

    private static Geometry lonLat(Geometry metres) {
        return ZONE.toLonLat(metres);
    }

    private static Coordinate m(double x, double y) {
        return new Coordinate(ORIGIN[0] + x, ORIGIN[1] + y);
    }
}
