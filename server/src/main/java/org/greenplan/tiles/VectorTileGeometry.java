package org.greenplan.tiles;

/**
 * Reads the geometries of a Mapbox vector tile (MVT 2.1 §4.3) command by command into a {@link Sink}, in tile
 * units, without building geometry objects: a PNG tile is drawn from the same compact integer encoding that
 * PostGIS makes for vector tiles (a fifth of the bytes of WKB doubles), straight into paths and strokes.
 * Layers' names, feature ids and attributes are skipped.
 */
final class VectorTileGeometry {

    static final int POINT = 1;
    static final int LINESTRING = 2;
    static final int POLYGON = 3;

    private static final int MOVE_TO = 1;
    private static final int LINE_TO = 2;
    private static final int CLOSE_PATH = 7;

    /** What a geometry is made of, in the order of its commands. */
    interface Sink {
        /** A feature of {@link #POINT}, {@link #LINESTRING} or {@link #POLYGON} (0: unknown) begins. */
        void feature(int type);

        void moveTo(int x, int y);

        void lineTo(int x, int y);

        /** The current ring ends where it began (polygons only). */
        void closePath();
    }

    private VectorTileGeometry() {
    }

    /** Every feature of every layer of {@code tile}, in order. */
    static void read(byte[] tile, Sink sink) {
        // Tile.layers (field 3), each holding Layer.features (field 2)
        each(new ProtobufReader(tile), 3, layer -> each(layer, 2, feature -> feature(feature, sink)));
    }

    /** Each sub-message in field {@code field} of the message {@code r} walks; other fields are skipped. */
    private static void each(ProtobufReader r, int field, java.util.function.Consumer<ProtobufReader> action) {
        while (r.more()) {
            long tag = r.tag();
            if (tag == (field << 3 | ProtobufReader.LENGTH_DELIMITED)) {
                action.accept(r.sub());
            } else {
                r.skip(tag);
            }
        }
    }

    private static void feature(ProtobufReader r, Sink sink) {
        int type = 0;
        ProtobufReader geometry = null; // fields may come in any order: the type may follow the geometry
        while (r.more()) {
            long tag = r.tag();
            if (tag == (3 << 3 | ProtobufReader.VARINT)) {
                type = (int) r.varint();
            } else if (tag == (4 << 3 | ProtobufReader.LENGTH_DELIMITED)) {
                geometry = r.sub();
            } else {
                r.skip(tag);
            }
        }
        sink.feature(type);
        if (geometry != null) {
            commands(geometry, sink);
        }
    }

    /** The packed command integers: a command id and repeat count, then that many zigzag (dx, dy) pairs. */
    private static void commands(ProtobufReader r, Sink sink) {
        int x = 0;
        int y = 0;
        while (r.more()) {
            int command = (int) r.varint();
            int id = command & 7;
            int count = command >>> 3;
            if (id == CLOSE_PATH) {
                for (int i = 0; i < count; i++) {
                    sink.closePath();
                }
                continue;
            }
            if (id != MOVE_TO && id != LINE_TO) {
                throw new IllegalArgumentException("unknown vector tile command " + id);
            }
            for (int i = 0; i < count; i++) {
                x += (int) ProtobufReader.zigzag(r.varint());
                y += (int) ProtobufReader.zigzag(r.varint());
                if (id == MOVE_TO) {
                    sink.moveTo(x, y);
                } else {
                    sink.lineTo(x, y);
                }
            }
        }
    }
}
