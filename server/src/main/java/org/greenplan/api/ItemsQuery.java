package org.greenplan.api;

import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Envelope;

/**
 * The query parameters of /collections/{id}/items, parsed and checked as OGC API – Features Part 1 asks:
 * an unknown parameter or an invalid value is a 400 naming it. {@code q} (greenplan's own) keeps the features
 * whose {@code name} attribute contains the text, case-insensitively: the map page's search box.
 */
record ItemsQuery(Envelope bbox, int limit, long offset, Integer version, String q) {

    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 10_000;
    private static final Set<String> KNOWN = Set.of("f", "bbox", "limit", "offset", "version", "q");
    static final int MAX_QUERY_LENGTH = 100;

    static ItemsQuery parse(Map<String, String[]> params) {
        for (String name : params.keySet()) {
            if (!KNOWN.contains(name)) {
                throw new BadRequestException(name, "unknown query parameter '" + name + "'; known: " + KNOWN);
            }
        }
        String f = single(params, "f");
        if (f != null && !f.equals("json") && !f.equals("geojson")) {
            throw new BadRequestException("f", "format '" + f + "' is not offered here; use f=json");
        }
        int limit = DEFAULT_LIMIT;
        String l = single(params, "limit");
        if (l != null) {
            limit = (int) Math.min(MAX_LIMIT, parseLong("limit", l, 1));
        }
        long offset = 0;
        String o = single(params, "offset");
        if (o != null) {
            offset = parseLong("offset", o, 0);
        }
        Integer version = null;
        String v = single(params, "version");
        if (v != null) {
            version = (int) Math.min(Integer.MAX_VALUE, parseLong("version", v, 1));
        }
        String q = single(params, "q");
        if (q != null && q.isEmpty()) {
            throw new BadRequestException("q", "q must not be empty: give part of a feature's name");
        }
        if (q != null && q.length() > MAX_QUERY_LENGTH) {
            throw new BadRequestException("q", "q is longer than " + MAX_QUERY_LENGTH + " characters");
        }
        String b = single(params, "bbox");
        return new ItemsQuery(b == null ? null : parseBbox(b), limit, offset, version, q);
    }

    private static String single(Map<String, String[]> params, String name) {
        String[] v = params.get(name);
        if (v == null) {
            return null;
        }
        if (v.length > 1) {
            throw new BadRequestException(name, "'" + name + "' is given more than once");
        }
        return v[0].trim();
    }

    private static long parseLong(String name, String value, long min) {
        try {
            long n = Long.parseLong(value);
            if (n < min) {
                throw new BadRequestException(name, "'" + name + "' must be at least " + min + ", not " + value);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadRequestException(name, "'" + name + "' must be a whole number, not '" + value + "'");
        }
    }

    /** bbox=minLon,minLat,maxLon,maxLat (CRS84), or the six-number 3D form whose heights are ignored. */
    static Envelope parseBbox(String value) {
        String[] parts = value.split(",");
        if (parts.length != 4 && parts.length != 6) {
            throw new BadRequestException("bbox", "bbox needs 4 numbers (minLon,minLat,maxLon,maxLat), got "
                    + parts.length);
        }
        double[] n = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                n[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new BadRequestException("bbox", "'" + parts[i] + "' in bbox is not a number");
            }
            if (!Double.isFinite(n[i])) {
                throw new BadRequestException("bbox", "bbox values must be finite");
            }
        }
        int half = parts.length / 2;
        double minX = n[0];
        double minY = n[1];
        double maxX = n[half];
        double maxY = n[half + 1];
        if (minY > maxY) {
            throw new BadRequestException("bbox", "bbox minimum latitude is above its maximum");
        }
        if (minX > maxX) {
            throw new BadRequestException("bbox", "a bbox crossing the antimeridian is not supported");
        }
        if (minX < -180 || maxX > 180 || minY < -90 || maxY > 90) {
            throw new BadRequestException("bbox", "bbox must be in longitude/latitude degrees (CRS84)");
        }
        return new Envelope(minX, maxX, minY, maxY);
    }
}
