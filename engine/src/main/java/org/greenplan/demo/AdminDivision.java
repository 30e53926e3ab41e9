package org.greenplan.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;

/**
 * Splits a town tile into six administrative units (3 columns × 2 rows) that cover it exactly with no
 * overlap: 街道 where the unit is mostly town, 村 where it is mostly countryside. Codes follow the
 * 12-digit statistical division pattern (county 330110 + town + village/community).
 */
final class AdminDivision {

    record AdminArea(Polygon area, String name, String code) {

        /** Half-open, so a point on a shared edge belongs to exactly one unit. */
        boolean holds(double x, double y) {
            Envelope e = area.getEnvelopeInternal();
            return x >= e.getMinX() && x < e.getMaxX() && y >= e.getMinY() && y < e.getMaxY();
        }
    }

    private AdminDivision() {
    }

    static List<AdminArea> divide(Envelope tile, Geometry boundary, int tileIndex, SplittableRandom rnd) {
        double t = CityLayout.TILE;
        double[] xs = {tile.getMinX(), Math.rint(tile.getMinX() + t * (0.30 + 0.06 * rnd.nextDouble())),
            Math.rint(tile.getMinX() + t * (0.64 + 0.06 * rnd.nextDouble())), tile.getMaxX()};
        double[] ys = {tile.getMinY(), Math.rint(tile.getMinY() + t * (0.45 + 0.10 * rnd.nextDouble())), tile.getMaxY()};
        List<AdminArea> out = new ArrayList<>();
        int street = 0;
        int village = 0;
        for (int row = 0; row < 2; row++) {
            for (int col = 0; col < 3; col++) {
                Polygon p = (Polygon) Geo.GF.toGeometry(new Envelope(xs[col], xs[col + 1], ys[row], ys[row + 1]));
                boolean town = boundary.intersection(p).getArea() > 0.4 * p.getArea();
                int n = out.size() + 1;
                String name = town
                        ? Names.STREETS[(tileIndex * 3 + street++) % Names.STREETS.length]
                        : Names.VILLAGES[(tileIndex * 5 + village++) % Names.VILLAGES.length];
                // 330110 余杭区 (county) + 3-digit town number per tile + 3-digit unit: 0xx 社区, 2xx 村
                String code = String.format("330110%03d%03d", tileIndex + 1, (town ? 0 : 200) + n);
                out.add(new AdminArea(p, name, code));
            }
        }
        return out;
    }
}
