package org.greenplan.demo;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Polygon;

/**
 * The lobed shape of a tile's urban core: the street nodes inside it get the dense 100 m grid. The
 * development boundary itself is later drawn around the blocks this selects (see {@link TownTile}).
 *
 * <p>The radius stays below ~2.7 km while the tile's half-width is 3 km, so nodes on a tile border are
 * never urban: tiles then meet only through the country roads, which every tile lays identically.
 */
final class TownCore {

    private final double cx;
    private final double cy;
    private final double a;
    private final double b;
    private final double c;

    TownCore(CityLayout city, int tx, int ty, Envelope tile) {
        this.cx = tile.centre().x + 300 * (city.unit(tx, ty, 21) - 0.5);
        this.cy = tile.centre().y + 300 * (city.unit(tx, ty, 22) - 0.5);
        this.a = 2 * Math.PI * city.unit(tx, ty, 23);
        this.b = 2 * Math.PI * city.unit(tx, ty, 24);
        this.c = 2 * Math.PI * city.unit(tx, ty, 25);
    }

    private double radius(double theta) {
        return 2200 + 220 * Math.sin(2 * theta + a) + 130 * Math.sin(3 * theta + b) + 70 * Math.sin(5 * theta + c);
    }

    boolean contains(Coordinate p) {
        double dx = p.x - cx;
        double dy = p.y - cy;
        return Math.hypot(dx, dy) < radius(Math.atan2(dy, dx));
    }

    Polygon outline() {
        Coordinate[] ring = new Coordinate[180];
        for (int k = 0; k < ring.length; k++) {
            double t = 2 * Math.PI * k / ring.length;
            double r = radius(t);
            ring[k] = new Coordinate(CityLayout.round2(cx + r * Math.cos(t)), CityLayout.round2(cy + r * Math.sin(t)));
        }
        return Geo.polygon(ring);
    }

    Coordinate centre() {
        return new Coordinate(cx, cy);
    }
}
