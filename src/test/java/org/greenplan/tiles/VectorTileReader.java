package org.greenplan.tiles;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal Mapbox Vector Tile 2.1 decoder for the tests (protobuf wire format by hand), independent of
 * the PostGIS encoder it checks: layers, feature ids, properties and geometry types.
 */
final class VectorTileReader {

    record Feature(long id, int type, Map<String, Object> properties) {
    }

    record Layer(String name, int extent, List<Feature> features) {
    }

    private final byte[] buf;
    private int pos;
    private final int end;

    private VectorTileReader(byte[] buf, int pos, int end) {
        this.buf = buf;
        this.pos = pos;
        this.end = end;
    }

    static List<Layer> read(byte[] tile) {
        VectorTileReader r = new VectorTileReader(tile, 0, tile.length);
        List<Layer> layers = new ArrayList<>();
        while (r.pos < r.end) {
            long tag = r.varint();
            if (tag >>> 3 == 3 && (tag & 7) == 2) {
                layers.add(r.sub().layer());
            } else {
                r.skip((int) (tag & 7));
            }
        }
        return layers;
    }

    private Layer layer() {
        String name = null;
        int extent = 4096;
        List<String> keys = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        List<long[]> rawFeatures = new ArrayList<>(); // id, type, then tag pairs
        while (pos < end) {
            long tag = varint();
            int field = (int) (tag >>> 3);
            switch (field) {
                case 1 -> name = sub().string();
                case 2 -> rawFeatures.add(sub().feature());
                case 3 -> keys.add(sub().string());
                case 4 -> values.add(sub().value());
                case 5 -> extent = (int) varint();
                default -> skip((int) (tag & 7));
            }
        }
        List<Feature> features = new ArrayList<>();
        for (long[] f : rawFeatures) {
            Map<String, Object> props = new LinkedHashMap<>();
            for (int i = 2; i + 1 < f.length; i += 2) {
                props.put(keys.get((int) f[i]), values.get((int) f[i + 1]));
            }
            features.add(new Feature(f[0], (int) f[1], props));
        }
        return new Layer(name, extent, features);
    }

    private long[] feature() {
        long id = -1;
        long type = 0;
        List<Long> tags = new ArrayList<>();
        while (pos < end) {
            long tag = varint();
            switch ((int) (tag >>> 3)) {
                case 1 -> id = varint();
                case 2 -> {
                    VectorTileReader packed = sub();
                    while (packed.pos < packed.end) {
                        tags.add(packed.varint());
                    }
                }
                case 3 -> type = varint();
                default -> skip((int) (tag & 7));
            }
        }
        long[] out = new long[2 + tags.size()];
        out[0] = id;
        out[1] = type;
        for (int i = 0; i < tags.size(); i++) {
            out[2 + i] = tags.get(i);
        }
        return out;
    }

    private Object value() {
        Object v = null;
        while (pos < end) {
            long tag = varint();
            switch ((int) (tag >>> 3)) {
                case 1 -> v = sub().string();
                case 2 -> {
                    v = Float.intBitsToFloat((int) fixed(4));
                }
                case 3 -> v = Double.longBitsToDouble(fixed(8));
                case 4, 5 -> v = varint();
                case 6 -> {
                    long n = varint();
                    v = (n >>> 1) ^ -(n & 1);
                }
                case 7 -> v = varint() != 0;
                default -> skip((int) (tag & 7));
            }
        }
        return v;
    }

    private String string() {
        return new String(buf, pos, end - pos, StandardCharsets.UTF_8);
    }

    private VectorTileReader sub() {
        int len = (int) varint();
        VectorTileReader r = new VectorTileReader(buf, pos, pos + len);
        pos += len;
        return r;
    }

    private long fixed(int bytes) {
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            v |= (buf[pos++] & 0xffL) << (8 * i);
        }
        return v;
    }

    private long varint() {
        long v = 0;
        int shift = 0;
        while (true) {
            byte b = buf[pos++];
            v |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
            shift += 7;
        }
    }

    private void skip(int wireType) {
        switch (wireType) {
            case 0 -> varint();
            case 1 -> pos += 8;
            case 2 -> {
                int len = (int) varint(); // not pos += varint(): that would add to pos as it was before the length
                pos += len;
            }
            case 5 -> pos += 4;
            default -> throw new IllegalStateException("wire type " + wireType);
        }
    }
}
