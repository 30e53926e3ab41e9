package org.greenplan.api;

import java.util.ArrayList;
import java.util.List;
import org.greenplan.limits.LimitExceededException;
import org.greenplan.limits.RequestLimits;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The body of {@code POST /api/v1/isochrones}, read and checked: the origins (lon/lat), the walking times of
 * the rings, the speed in metres per minute (NaN: the GB 50180 distances 300/500/1000 m for 5/10/15 min) and
 * the road and facility layers (null: every road layer). Each fault is a 400 naming the member at fault.
 */
record IsochroneRequest(List<double[]> points, double[] minutes, double speed, List<String> layers) {

    static final int MAX_POINTS = 100;
    static final int MAX_RINGS = 10;
    static final double MAX_MINUTES = 120;
    static final double MAX_DISTANCE_M = 10_000;
    static final double MIN_SPEED = 1;
    static final double MAX_SPEED = 1000;

    static IsochroneRequest read(String body, ObjectMapper json, RequestLimits limits) {
        JsonNode req;
        try {
            req = body == null || body.isBlank() ? null : json.readTree(body);
        } catch (JacksonException e) {
            throw new BadRequestException("body", "the body is not JSON: " + e.getOriginalMessage());
        }
        if (req == null || !req.isObject()) {
            throw new BadRequestException("body", "expected a JSON object {\"points\": [[lon, lat]], "
                    + "\"minutes\": [5, 10, 15]}");
        }
        List<double[]> points = points(req.get("points"));
        double speed = speed(req.get("speed"));
        return new IsochroneRequest(points, minutes(req.get("minutes"), speed), speed, layers(req.get("layers"), limits));
    }

    private static List<double[]> points(JsonNode node) {
        if (node == null || node.isNull()) {
            throw new BadRequestException("points", "'points' is required: [[lon, lat], …] or a GeoJSON Point");
        }
        List<double[]> out = new ArrayList<>();
        if (node.isObject()) {
            String type = node.path("type").asString("");
            JsonNode coords = node.get("coordinates");
            if (type.equals("Point")) {
                out.add(lonLat(coords, 0));
            } else if (type.equals("MultiPoint") && coords != null && coords.isArray()) {
                checkPointCount(coords.size());
                for (int i = 0; i < coords.size(); i++) {
                    out.add(lonLat(coords.get(i), i));
                }
            } else if (type.equals("Feature")) {
                return points(node.get("geometry"));
            } else {
                throw new BadRequestException("points", "'points' must be [[lon, lat], …], a GeoJSON Point or "
                        + "MultiPoint, or an array of Points; got type '" + type + "'");
            }
        } else if (node.isArray()) {
            checkPointCount(node.size());
            for (int i = 0; i < node.size(); i++) {
                JsonNode p = node.get(i);
                if (p.isObject() && "Point".equals(p.path("type").asString(""))) {
                    out.add(lonLat(p.get("coordinates"), i));
                } else {
                    out.add(lonLat(p, i));
                }
            }
        } else {
            throw new BadRequestException("points", "'points' must be [[lon, lat], …] or a GeoJSON Point");
        }
        if (out.isEmpty()) {
            throw new BadRequestException("points", "'points' holds no point");
        }
        return out;
    }

    /** Counted before the points are read, so a list of 100,000 is refused without reading it. */
    private static void checkPointCount(int n) {
        if (n > MAX_POINTS) {
            throw new LimitExceededException("points", MAX_POINTS, "at most " + MAX_POINTS + " points per request");
        }
    }

    private static double[] lonLat(JsonNode c, int index) {
        if (c == null || !c.isArray() || c.size() < 2 || !c.get(0).isNumber() || !c.get(1).isNumber()) {
            throw new BadRequestException("points", "point " + index + " must be [lon, lat] with two numbers");
        }
        double lon = c.get(0).asDouble();
        double lat = c.get(1).asDouble();
        if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
            throw new BadRequestException("points", "point " + index + " [" + lon + ", " + lat
                    + "] is not a lon/lat position (EPSG:4326: lon -180..180, lat -90..90)");
        }
        return new double[] {lon, lat};
    }

    private static double speed(JsonNode node) {
        if (node == null || node.isNull()) {
            return Double.NaN;
        }
        if (!node.isNumber() || !(node.asDouble() >= MIN_SPEED && node.asDouble() <= MAX_SPEED)) {
            throw new BadRequestException("speed", "'speed' must be a number of metres per minute between "
                    + (int) MIN_SPEED + " and " + (int) MAX_SPEED + " (walking: 50-85)");
        }
        return node.asDouble();
    }

    private static double[] minutes(JsonNode node, double speed) {
        if (node == null || node.isNull()) {
            return new double[] {5, 10, 15};
        }
        if (!node.isArray() || node.isEmpty() || node.size() > MAX_RINGS) {
            throw new BadRequestException("minutes", "'minutes' must be an array of 1 to " + MAX_RINGS
                    + " walking times, e.g. [5, 10, 15]");
        }
        double[] out = new double[node.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode m = node.get(i);
            if (!m.isNumber() || !(m.asDouble() > 0 && m.asDouble() <= MAX_MINUTES)) {
                throw new BadRequestException("minutes", "minutes[" + i + "] must be a number above 0 and at most "
                        + (int) MAX_MINUTES);
            }
            out[i] = m.asDouble();
            if (!Double.isNaN(speed) && out[i] * speed > MAX_DISTANCE_M) {
                throw new BadRequestException("minutes", "minutes[" + i + "] × speed is " + (out[i] * speed)
                        + " m; isochrones go up to " + (int) MAX_DISTANCE_M + " m");
            }
        }
        return out;
    }

    private static List<String> layers(JsonNode node, RequestLimits limits) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw new BadRequestException("layers", "'layers' must be an array of layer ids");
        }
        limits.checkListLength("layers", node.size());
        List<String> out = new ArrayList<>();
        for (JsonNode n : node) {
            if (!n.isString() || n.asString().isBlank()) {
                throw new BadRequestException("layers", "'layers' must be an array of layer ids");
            }
            out.add(n.asString().trim());
        }
        return out;
    }
}
