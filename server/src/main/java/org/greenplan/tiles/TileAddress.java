package org.greenplan.tiles;

/**
 * A tile of the web-mercator (EPSG:3857) XYZ grid that Leaflet, MapLibre and QGIS use: zoom z, column x
 * from the west, row y from the north.
 */
public record TileAddress(int z, int x, int y) {

    /** Deeper than any planning map needs (z 22 ≈ 4 cm per pixel at the equator). */
    public static final int MAX_ZOOM = 22;

    public TileAddress {
        if (z < 0 || z > MAX_ZOOM) {
            throw new OutOfGrid("z", "zoom " + z + " is outside 0–" + MAX_ZOOM);
        }
        long n = 1L << z;
        if (x < 0 || x >= n) {
            throw new OutOfGrid("x", "column " + x + " is outside 0–" + (n - 1) + " at zoom " + z);
        }
        if (y < 0 || y >= n) {
            throw new OutOfGrid("y", "row " + y + " is outside 0–" + (n - 1) + " at zoom " + z);
        }
    }

    /** A z/x/y that names no tile; {@code field} is the path part at fault. */
    public static final class OutOfGrid extends RuntimeException {
        private final String field;

        OutOfGrid(String field, String reason) {
            super(reason);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    @Override
    public String toString() {
        return z + "/" + x + "/" + y;
    }
}
