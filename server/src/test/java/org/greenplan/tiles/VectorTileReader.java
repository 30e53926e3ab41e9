package org.greenplan.tiles;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal Mapbox Vector Tile 2.1 decoder for the tests, independent of the PostGIS encoder it checks:
 * layers, feature ids, properties and geometry types (the wire format is walked by {@link ProtobufReader}).
 */
final class VectorTileReader {

    record Feature(long id, int type, Map<String, Object> properties) {
    }

    record Layer(String name, int extent, List<Feature> features) {
    }

    private VectorTileReader() {
    }

    static List<Layer> read(byte[] tile) {
        ProtobufReader r = new ProtobufReader(tile);
        List<Layer> layers = new ArrayList<>();
        while (r.more()) {
            long tag = r.tag();
            if (tag >>> 3 == 3 && (tag & 7) == ProtobufReader.LENGTH_DELIMITED) {
                layers.add(layer(r.sub()));
            } else {
                r.skip(tag);
            }
        }
        return layers;
    }

    private static Layer layer(ProtobufReader r) {
        String name = null;
        int extent = 4096;
        List<String> keys = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        List<long[]> rawFeatures = new ArrayList<>(); // id, type, then tag pairs
        while (r.more()) {
            long tag = r.tag();
            switch ((int) (tag >>> 3)) {
                case 1 -> name = r.sub().string();
                case 2 -> rawFeatures.add(feature(r.sub()));
                case 3 -> keys.add(r.sub().string());
                case 4 -> values.add(value(r.sub()));
                case 5 -> extent = (int) r.varint();
                default -> r.skip(tag);
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

    private static long[] feature(ProtobufReader r) {
        long id = -1;
        long type = 0;
        List<Long> tags = new ArrayList<>();
        while (r.more()) {
            long tag = r.tag();
            switch ((int) (tag >>> 3)) {
                case 1 -> id = r.varint();
                case 2 -> {
                    ProtobufReader packed = r.sub();
                    while (packed.more()) {
                        tags.add(packed.varint());
                    }
                }
                case 3 -> type = r.varint();
                default -> r.skip(tag);
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

    private static Object value(ProtobufReader r) {
        Object v = null;
        while (r.more()) {
            long tag = r.tag();
            switch ((int) (tag >>> 3)) {
                case 1 -> v = r.sub().string();
                case 2 -> v = Float.intBitsToFloat((int) r.fixed(4));
                case 3 -> v = Double.longBitsToDouble(r.fixed(8));
                case 4, 5 -> v = r.varint();
                case 6 -> v = ProtobufReader.zigzag(r.varint());
                case 7 -> v = r.varint() != 0;
                default -> r.skip(tag);
            }
        }
        return v;
    }
}
