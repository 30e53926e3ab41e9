package org.greenplan.demo;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * The river of one row of tiles: a meandering strip 30–60 m wide flowing west to east. Its course is a
 * function of global easting, so the river continues from one tile into the next.
 *
 * <p>Meander amplitudes keep the bend radius (≥ ~390 m) well above the half-width, so the strip built
 * by offsetting the centre line never folds over itself.
 */
final class River {

    private static final double STEP = 20.0;

    final String name;
    private final double baseY;
    private final double p1;
    private final double p2;
    private final double p3;
    /** The strip over the tile and a little beyond, so clipping at the tile edge is clean. */
    final Polygon strip;
    private final PreparedGeometry preparedStrip;
    private final PreparedGeometry preparedMargin;

    River(CityLayout city, int ty, Envelope tile) {
        this.name = Names.pick(Names.RIVERS, city.unit(ty, 0, 11));
        this.baseY = tile.getMinY() + 0.32 * CityLayout.TILE;
        this.p1 = 2 * Math.PI * city.unit(ty, 0, 12);
        this.p2 = 2 * Math.PI * city.unit(ty, 0, 13);
        this.p3 = 2 * Math.PI * city.unit(ty, 0, 14);
        this.strip = buildStrip(tile.getMinX() - 300, tile.getMaxX() + 300);
        this.preparedStrip = PreparedGeometryFactory.prepare(strip);
        // nodes closer than this to the water would leave no room for a bank street
        this.preparedMargin = PreparedGeometryFactory.prepare(strip.buffer(12));
    }

    double centreY(double x) {
        return baseY + 160 * Math.sin(2 * Math.PI * x / 2600 + p1) + 50 * Math.sin(2 * Math.PI * x / 1100 + p2);
    }

    private double slope(double x) {
        return 160 * 2 * Math.PI / 2600 * Math.cos(2 * Math.PI * x / 2600 + p1)
                + 50 * 2 * Math.PI / 1100 * Math.cos(2 * Math.PI * x / 1100 + p2);
    }

    double width(double x) {
        return 45 + 15 * Math.sin(2 * Math.PI * x / 1500 + p3);
    }

    /** +1 north of the centre line, -1 south of it. */
    int side(Coordinate c) {
        return c.y >= centreY(c.x) ? 1 : -1;
    }

    boolean nearWater(Coordinate c) {
        return preparedMargin.intersects(Geo.GF.createPoint(c));
    }

    boolean crossedBy(Geometry g) {
        return preparedStrip.intersects(g);
    }

    /** A line parallel to the centre line at {@code offset} metres (positive = north bank side). */
    LineString bank(double offset, double fromX, double toX) {
        List<Coordinate> cs = new ArrayList<>();
        for (double x = fromX; x <= toX + 1e-9; x += STEP) {
            cs.add(offsetPoint(x, offset));
        }
        return Geo.line(cs.toArray(Coordinate[]::new));
    }

    private Coordinate offsetPoint(double x, double offset) {
        double s = slope(x);
        double n = Math.sqrt(1 + s * s);
        return new Coordinate(CityLayout.round2(x - s / n * offset), CityLayout.round2(centreY(x) + offset / n));
    }

    private Polygon buildStrip(double fromX, double toX) {
        List<Coordinate> north = new ArrayList<>();
        List<Coordinate> south = new ArrayList<>();
        for (double x = fromX; x <= toX + 1e-9; x += STEP) {
            double half = width(x) / 2;
            north.add(offsetPoint(x, half));
            south.add(offsetPoint(x, -half));
        }
        List<Coordinate> ring = new ArrayList<>(south);
        for (int i = north.size() - 1; i >= 0; i--) {
            ring.add(north.get(i));
        }
        return Geo.polygon(ring.toArray(Coordinate[]::new));
    }
}
