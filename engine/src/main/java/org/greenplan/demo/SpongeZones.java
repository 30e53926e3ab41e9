package org.greenplan.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;

/**
 * Sponge-city (海绵城市) compliant zones: 1.5 km catchment cells of the built-up area, each with its
 * annual runoff-volume control rate (年径流总量控制率). Two are deliberately below the 75% that
 * Zhejiang's guidance asks for, so the indicator has non-compliant area to report.
 */
final class SpongeZones {

    record Zone(MultiPolygon area, String name, double runoffControlRate) {
    }

    private static final double CELL = 1500;

    private SpongeZones() {
    }

    static List<Zone> place(Geometry builtUp, Envelope tile, String townName, SplittableRandom rnd) {
        List<MultiPolygon> cells = new ArrayList<>();
        for (double x = tile.getMinX(); x < tile.getMaxX() - 1; x += CELL) {
            for (double y = tile.getMinY(); y < tile.getMaxY() - 1; y += CELL) {
                MultiPolygon part = Geo.areas(builtUp.intersection(Geo.GF.toGeometry(new Envelope(x, x + CELL, y, y + CELL))), 10_000);
                if (part.getArea() > 300_000) {
                    cells.add(part);
                }
            }
        }
        List<Zone> out = new ArrayList<>();
        int wanted = Math.min(cells.size(), 5 + rnd.nextInt(4));
        for (int n = 0; n < wanted; n++) {
            MultiPolygon cell = cells.remove(rnd.nextInt(cells.size()));
            double rate = n < 2 ? 0.70 + 0.045 * rnd.nextDouble() : 0.75 + 0.10 * rnd.nextDouble();
            out.add(new Zone(cell, townName + "海绵城市建设片区" + (n + 1), Math.rint(rate * 1000) / 1000));
        }
        return out;
    }
}
