package org.greenplan.indicator.service;

import org.greenplan.geo.GeoJson;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * Where an indicator is computed: everything ({@code all}), one admin area (by feature id, source id or
 * {@code code}), or a lon/lat box. {@code geometry} is null for {@code all}.
 *
 * @param key the canonical form used in the cache key and echoed in responses
 */
public record AreaOfInterest(String type, String key, String name, Geometry geometry) {

    public static final AreaOfInterest ALL = new AreaOfInterest("all", "all", null, null);

    /** Parses {@code bbox=minLon,minLat,maxLon,maxLat}; 400 naming {@code bbox} when unusable. */
    public static AreaOfInterest bbox(String text) {
        String[] parts = text.split(",");
        if (parts.length != 4) {
            throw new IllegalArgumentException("bbox must be minLon,minLat,maxLon,maxLat");
        }
        double[] v = new double[4];
        for (int i = 0; i < 4; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bbox value '" + parts[i].trim() + "' is not a number");
            }
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException("bbox values must be finite");
            }
        }
        if (v[0] < -180 || v[2] > 180 || v[1] < -90 || v[3] > 90) {
            throw new IllegalArgumentException("bbox must lie within lon -180..180, lat -90..90");
        }
        if (!(v[0] < v[2] && v[1] < v[3])) {
            throw new IllegalArgumentException("bbox needs minLon < maxLon and minLat < maxLat");
        }
        Geometry g = GeoJson.WGS84.toGeometry(new Envelope(v[0], v[2], v[1], v[3]));
        // the key from the numbers, not the text: 119.9, 119.90 and 1.199e2 are one box and one cache entry
        return new AreaOfInterest("bbox", "bbox:" + String.join(",", java.util.Arrays.stream(v)
                .mapToObj(AreaOfInterest::canonical).toList()), null, g);
    }

    /** One spelling per number: 120, 120.0 and 1.2e2 → "120"; -0 → "0". */
    static String canonical(double v) {
        return v == 0 ? "0" : java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
