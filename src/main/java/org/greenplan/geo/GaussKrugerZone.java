package org.greenplan.geo;

import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.ProjCoordinate;
import org.locationtech.proj4j.proj.Projection;

/**
 * A CGCS2000 3-degree Gauss-Krüger zone: the projected CRS in which greenplan measures areas and
 * distances. Zone n has central meridian 3n degrees east; China spans zones 25 (75°E) to 45 (135°E).
 *
 * <p>CGCS2000 and WGS84 differ by centimetres, so the projection is applied directly to stored
 * EPSG:4326 coordinates without a datum shift (DESIGN.md §1).
 */
public final class GaussKrugerZone {

    public static final int FIRST_ZONE = 25;
    public static final int LAST_ZONE = 45;

    private static final CRSFactory CRS_FACTORY = new CRSFactory();

    private final int zone;
    private final Projection projection;

    private GaussKrugerZone(int zone) {
        this.zone = zone;
        CoordinateReferenceSystem crs = CRS_FACTORY.createFromParameters("CGCS2000 / 3-degree GK CM " + 3 * zone + "E",
                proj4());
        this.projection = crs.getProjection();
    }

    /**
     * Zone n (central meridian 3n°). China's zones are 25–45 and have EPSG codes; zones outside China
     * (-60 to 60, central meridians -180° to 180°) use the same transverse Mercator on GRS80 so data from
     * elsewhere (e.g. OSM test extracts) is still measured near its own meridian, but {@link #epsg()} is 0.
     */
    public static GaussKrugerZone of(int zone) {
        if (zone < -60 || zone > 60) {
            throw new IllegalArgumentException("3-degree zones run from -60 to 60 (China: 25 to 45), not " + zone);
        }
        return new GaussKrugerZone(zone);
    }

    /**
     * The zone whose central meridian is nearest to the longitude. It used to be clamped to China's zones,
     * which measured data from elsewhere up to 70° from the central meridian, where transverse Mercator
     * distorts lengths many times over (coverage radii then were not 500 m).
     */
    public static GaussKrugerZone forLongitude(double lon) {
        if (!Double.isFinite(lon)) {
            throw new IllegalArgumentException("longitude must be finite");
        }
        return of((int) Math.round(lon / 3.0));
    }

    /** Whether this is one of China's CGCS2000 zones (25–45), which have EPSG codes. */
    public boolean isChinaZone() {
        return zone >= FIRST_ZONE && zone <= LAST_ZONE;
    }

    /** The PROJ definition of this zone (what PostGIS's ST_Transform(geom, text) accepts). */
    public String proj4() {
        return "+proj=tmerc +lat_0=0 +lon_0=" + 3 * zone + " +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs";
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

    /** EPSG code of the truncated form (false easting 500 000 m), EPSG:4534–4554; 0 outside China's zones. */
    public int epsg() {
        return isChinaZone() ? 4534 + (zone - FIRST_ZONE) : 0;
    }

    /** EPSG code of the form whose false easting carries the zone number (e.g. 40 500 000 m), EPSG:4513–4533; 0 outside China. */
    public int epsgWithZonePrefix() {
        return isChinaZone() ? 4513 + (zone - FIRST_ZONE) : 0;
    }

    /** Projects a lon/lat geometry into this zone's metres. Returns a new geometry. */
    public Geometry toMetres(Geometry lonLat) {
        Geometry copy = lonLat.copy();
        copy.apply(new Transform(true));
        copy.geometryChanged();
        return copy;
    }

    /** Unprojects a geometry in this zone's metres back to lon/lat. Returns a new geometry. */
    public Geometry toLonLat(Geometry metres) {
        Geometry copy = metres.copy();
        copy.apply(new Transform(false));
        copy.geometryChanged();
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

    @Override
    public String toString() {
        return isChinaZone() ? "CGCS2000 3-degree GK zone " + zone + " (EPSG:" + epsg() + ")"
                : "3-degree transverse Mercator zone " + zone + " (" + proj4() + ")";
    }

    // proj4j's Projection.project/inverseProject take and return degrees (projectRadians is the other form).
    private final class Transform implements CoordinateSequenceFilter {
        private final boolean forward;
        private final ProjCoordinate in = new ProjCoordinate();
        private final ProjCoordinate out = new ProjCoordinate();

        Transform(boolean forward) {
            this.forward = forward;
        }

        @Override
        public void filter(CoordinateSequence seq, int i) {
            if (forward) {
                in.x = seq.getX(i);
                in.y = seq.getY(i);
                projection.project(in, out);
                seq.setOrdinate(i, 0, out.x);
                seq.setOrdinate(i, 1, out.y);
            } else {
                in.x = seq.getX(i);
                in.y = seq.getY(i);
                projection.inverseProject(in, out);
                seq.setOrdinate(i, 0, out.x);
                seq.setOrdinate(i, 1, out.y);
            }
        }

        @Override
        public boolean isDone() {
            return false;
        }

        @Override
        public boolean isGeometryChanged() {
            return true;
        }
    }
}
