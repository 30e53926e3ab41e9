package org.greenplan.geo;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.ProjCoordinate;
import org.locationtech.proj4j.proj.Projection;

/**
 * A CGCS2000 3-degree Gauss-Krüger zone: the projected CRS in which greenplan measures areas and
 * distances. Zone n has central meridian 3n degrees east; China spans zones 25 (75°E) to 45 (135°E),
 * which have EPSG codes. Outside China (test data from Monaco or Andorra, say) the same 3-degree
 * transverse Mercator is built on the nearest meridian, so metres stay true everywhere; such a zone has
 * no EPSG code and is described by {@link #proj4()}.
 *
 * <p>CGCS2000 and WGS84 differ by centimetres, so the projection is applied directly to stored
 * EPSG:4326 coordinates without a datum shift (DESIGN.md §1).
 */
public final class GaussKrugerZone {

    /** The first and last zones with CGCS2000 EPSG codes (75°E and 135°E). */
    public static final int FIRST_ZONE = 25;
    public static final int LAST_ZONE = 45;
    /** Zones exist for every central meridian from 177°W (-59) to 180°E (60). */
    private static final int MIN_ZONE = -59;
    private static final int MAX_ZONE = 60;

    private static final CRSFactory CRS_FACTORY = new CRSFactory();

    private final int zone;
    private final Projection projection;

    private GaussKrugerZone(int zone) {
        this.zone = zone;
        CoordinateReferenceSystem crs = CRS_FACTORY.createFromParameters("3-degree GK zone " + zone, proj4());
        this.projection = crs.getProjection();
    }

    public static GaussKrugerZone of(int zone) {
        if (zone < MIN_ZONE || zone > MAX_ZONE) {
            throw new IllegalArgumentException("3-degree zones run from " + MIN_ZONE + " to " + MAX_ZONE + ", not " + zone);
        }
        return new GaussKrugerZone(zone);
    }

    /** The zone of a CGCS2000 3-degree GK EPSG code (EPSG:4534–4554, truncated form). */
    public static GaussKrugerZone ofEpsg(int epsg) {
        if (epsg < 4534 || epsg > 4534 + LAST_ZONE - FIRST_ZONE) {
            throw new IllegalArgumentException("EPSG:" + epsg + " is not a CGCS2000 3-degree Gauss-Kruger zone (4534-4554)");
        }
        return of(FIRST_ZONE + epsg - 4534);
    }

    /** The zone whose central meridian is nearest to the longitude. */
    public static GaussKrugerZone forLongitude(double lon) {
        if (!Double.isFinite(lon) || lon < -180 || lon > 180) {
            throw new IllegalArgumentException("longitude must be between -180 and 180, not " + lon);
        }
        int n = (int) Math.round(lon / 3.0);
        return of(n == MIN_ZONE - 1 ? MAX_ZONE : n);
    }

    /** The zone of an area's centre: the rule DESIGN.md §1 sets for choosing where to measure. */
    public static GaussKrugerZone forArea(Envelope lonLat) {
        if (lonLat.isNull()) {
            throw new IllegalArgumentException("cannot choose a zone for an empty area");
        }
        return forLongitude(lonLat.centre().x);
    }

    public int zone() {
        return zone;
    }

    public double centralMeridian() {
        return 3.0 * zone;
    }

    /** Whether this is one of China's zones, which have CGCS2000 EPSG codes. */
    public boolean hasEpsgCode() {
        return zone >= FIRST_ZONE && zone <= LAST_ZONE;
    }

    /** EPSG code of the truncated form (false easting 500 000 m), EPSG:4534–4554; 0 outside China's zones. */
    public int epsg() {
        return hasEpsgCode() ? 4534 + (zone - FIRST_ZONE) : 0;
    }

    /** EPSG code of the form whose false easting carries the zone number (e.g. 40 500 000 m), EPSG:4513–4533; 0 outside China. */
    public int epsgWithZonePrefix() {
        return hasEpsgCode() ? 4513 + (zone - FIRST_ZONE) : 0;
    }

    /** The projection as a PROJ string, usable where there is no EPSG code (e.g. PostGIS ST_Transform). */
    public String proj4() {
        return "+proj=tmerc +lat_0=0 +lon_0=" + 3 * zone + " +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs";
    }

    /** Projects a lon/lat geometry into this zone's metres. Returns a new geometry. */
    public Geometry toMetres(Geometry lonLat) {
        Geometry copy = lonLat.copy();
        transformer(true).applyInPlace(copy);
        return copy;
    }

    /** Unprojects a geometry in this zone's metres back to lon/lat. Returns a new geometry. */
    public Geometry toLonLat(Geometry metres) {
        Geometry copy = metres.copy();
        transformer(false).applyInPlace(copy);
        return copy;
    }

    /** Projects one lon/lat position; returns {easting, northing}. */
    public double[] project(double lon, double lat) {
        ProjCoordinate out = new ProjCoordinate();
        projection.project(new ProjCoordinate(lon, lat), out);
        return new double[] {out.x, out.y};
    }

    /** Unprojects one position in metres; returns {lon, lat}. */
    public double[] unproject(double easting, double northing) {
        ProjCoordinate out = new ProjCoordinate();
        projection.inverseProject(new ProjCoordinate(easting, northing), out);
        return new double[] {out.x, out.y};
    }

    /**
     * The projection for one geometry's vertices, reusing its buffers: toMetres runs over millions of vertices
     * per indicator, in parallel chunks, so each call gets its own buffers rather than sharing or allocating.
     */
    private PointTransform transformer(boolean forward) {
        ProjCoordinate in = new ProjCoordinate();
        ProjCoordinate out = new ProjCoordinate();
        double[] xy = new double[2];
        return (x, y) -> {
            in.x = x;
            in.y = y;
            if (forward) {
                projection.project(in, out); // proj4j's project/inverseProject take and return degrees
            } else {
                projection.inverseProject(in, out);
            }
            xy[0] = out.x;
            xy[1] = out.y;
            return xy;
        };
    }

    @Override
    public String toString() {
        return hasEpsgCode() ? "CGCS2000 3-degree GK zone " + zone + " (EPSG:" + epsg() + ")"
                : "3-degree transverse Mercator zone " + zone + " (" + proj4() + ")";
    }
}
