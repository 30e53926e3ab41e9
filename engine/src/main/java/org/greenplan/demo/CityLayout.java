package org.greenplan.demo;

import org.greenplan.geo.GaussKrugerZone;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;

/**
 * Where the city sits and how its street grid is laid out: columns × rows square town tiles of
 * {@value #CELLS} × {@value #CELLS} nominal 100 m blocks, in GK zone 40 metres. Scale N gives N towns when N
 * fills whole rows of ⌈√N⌉ columns (k × k, or 20 = 5 × 4, the province of 20 towns); any other N the
 * nearest square, k = round(√N), as before.
 *
 * <p>Street-node positions are a pure function of the seed and the node's global grid index, not of
 * the tile being built, so two neighbouring tiles compute bit-identical coordinates for the nodes on
 * their common border and their road networks join there.
 */
final class CityLayout {

    static final int CELLS = 60;
    static final double SPACING = 100.0;
    static final double TILE = CELLS * SPACING;
    static final double CENTRE_LON = 119.95;
    static final double CENTRE_LAT = 30.40;
    static final GaussKrugerZone ZONE = GaussKrugerZone.of(40);

    /** Per-node random offset; with the warp below it keeps blocks within about 80–120 m. */
    private static final double JITTER = 6.0;
    private static final double WARP = 20.0;

    final long seed;
    final int scale;
    /** Towns west to east and south to north. */
    final int columns;
    final int rows;
    final double x0;
    final double y0;
    private final double warpPhaseX;
    private final double warpPhaseY;

    CityLayout(long seed, int scale) {
        if (scale < 1) {
            throw new IllegalArgumentException("scale must be at least 1");
        }
        this.seed = seed;
        this.scale = scale;
        int wide = (int) Math.ceil(Math.sqrt(scale));
        if (scale % wide == 0) {
            this.columns = wide;
            this.rows = scale / wide;
        } else {
            this.columns = Math.max(1, (int) Math.round(Math.sqrt(scale)));
            this.rows = columns;
        }
        double[] c = ZONE.project(CENTRE_LON, CENTRE_LAT);
        // whole metres keep the grid arithmetic readable when debugging in QGIS
        this.x0 = Math.rint(c[0] - columns * TILE / 2);
        this.y0 = Math.rint(c[1] - rows * TILE / 2);
        this.warpPhaseX = 2 * Math.PI * unit(0, 0, 1);
        this.warpPhaseY = 2 * Math.PI * unit(0, 0, 2);
    }

    /** The street node at global grid index (gi, gj). */
    Coordinate node(int gi, int gj) {
        double bx = gi * SPACING;
        double by = gj * SPACING;
        // a smooth warp bends whole streets (organic variation); the jitter breaks the perfect grid
        double dx = WARP * Math.sin(2 * Math.PI * by / 1700 + warpPhaseX) + JITTER * (2 * unit(gi, gj, 3) - 1);
        double dy = WARP * Math.sin(2 * Math.PI * bx / 2300 + warpPhaseY) + JITTER * (2 * unit(gi, gj, 4) - 1);
        return new Coordinate(round2(x0 + bx + dx), round2(y0 + by + dy));
    }

    Envelope tile(int tx, int ty) {
        double ax = x0 + tx * TILE;
        double ay = y0 + ty * TILE;
        return new Envelope(ax, ax + TILE, ay, ay + TILE);
    }

    /** A uniform number in [0, 1) fixed by the seed and three integers. */
    double unit(long a, long b, long salt) {
        long h = mix(seed ^ mix(a * 0x9E3779B97F4A7C15L + b * 0xC2B2AE3D27D4EB4FL + salt * 0x165667B19E3779F9L));
        return (h >>> 11) * 0x1.0p-53;
    }

    /** Seed for the random stream of one tile (or any other numbered part of the city). */
    long streamSeed(int tx, int ty, int salt) {
        return mix(seed * 31 + mix(tx * 1_000_003L + ty * 7919L + salt));
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static double round2(double v) {
        return Math.rint(v * 100) / 100;
    }
}
