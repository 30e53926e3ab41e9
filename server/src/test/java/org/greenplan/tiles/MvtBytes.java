package org.greenplan.tiles;

import java.io.ByteArrayOutputStream;

/**
 * Writes vector tiles by hand for the tests (protobuf wire format): one layer, features given as a geometry
 * type and their command integers, as the MVT 2.1 spec lists them in its examples.
 */
final class MvtBytes {

    private final ByteArrayOutputStream features = new ByteArrayOutputStream();

    /** A feature of {@code type} with the packed geometry {@code commands}; {@code typeLast}: type field after it. */
    MvtBytes feature(int type, boolean typeLast, int... commands) {
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        for (int c : commands) {
            varint(packed, c);
        }
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        if (!typeLast) {
            varint(f, 3 << 3);
            varint(f, type);
        }
        varint(f, 1 << 3); // id, to be skipped
        varint(f, 7);
        bytes(f, 4, packed.toByteArray());
        if (typeLast) {
            varint(f, 3 << 3);
            varint(f, type);
        }
        bytes(features, 2, f.toByteArray());
        return this;
    }

    MvtBytes feature(int type, int... commands) {
        return feature(type, false, commands);
    }

    /** The tile: one layer "t", version 2, extent 4096, holding the features. */
    byte[] tile() {
        ByteArrayOutputStream layer = new ByteArrayOutputStream();
        varint(layer, 15 << 3);
        varint(layer, 2);
        bytes(layer, 1, "t".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        layer.writeBytes(features.toByteArray());
        varint(layer, 5 << 3);
        varint(layer, 4096);
        ByteArrayOutputStream tile = new ByteArrayOutputStream();
        bytes(tile, 3, layer.toByteArray());
        return tile.toByteArray();
    }

    /** A command integer: id and count (MVT 2.1 §4.3.1). */
    static int command(int id, int count) {
        return (id & 7) | (count << 3);
    }

    /** A parameter integer: zigzag (§4.3.2). */
    static int zigzag(int n) {
        return (n << 1) ^ (n >> 31);
    }

    private static void bytes(ByteArrayOutputStream out, int field, byte[] value) {
        varint(out, field << 3 | 2);
        varint(out, value.length);
        out.writeBytes(value);
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7fL) != 0) {
            out.write((int) (v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }
}
