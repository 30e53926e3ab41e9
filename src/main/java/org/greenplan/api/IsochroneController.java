package org.greenplan.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.greenplan.geo.GeoJson;
import org.greenplan.layer.LayerNotFoundException;
import org.greenplan.limits.LimitExceededException;
import org.greenplan.limits.RequestLimits;
import org.greenplan.network.GraphStats;
import org.greenplan.network.WalkGraphCache;
import org.greenplan.network.service.NetworkService;
import org.greenplan.network.service.NetworkService.IsochroneResult;
import org.greenplan.network.service.NetworkService.RoadVersion;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Walking isochrones: {@code POST /api/v1/isochrones} with
 * {@code {"points": [[lon,lat],…] | GeoJSON Point/MultiPoint (or an array of Points), "minutes": [5,10,15],
 * "speed": 60, "layers": ["demo-road", …]}} answers a GeoJSON FeatureCollection, one polygon per ring
 * (properties {@code minutes, distanceMetres, areaM2, reachedEdges, facilityCount}), with a member
 * {@code facilities}: a FeatureCollection of the facilities reached within the largest ring (properties
 * {@code layer, name, category, distanceMetres, minutes} = the smallest ring that holds it).
 * {@code GET /api/v1/network/graphs} lists the walking graphs held in memory.
 */
@RestController
public class IsochroneController {

    static final int MAX_POINTS = 100;
    static final int MAX_RINGS = 10;
    static final double MAX_MINUTES = 120;
    static final double MAX_DISTANCE_M = 10_000;
    static final double MIN_SPEED = 1;
    static final double MAX_SPEED = 1000;

    private final NetworkService network;
    private final ObjectMapper json;
    private final RequestLimits limits;

    public IsochroneController(NetworkService network, ObjectMapper json, RequestLimits limits) {
        this.network = network;
        this.json = json;
        this.limits = limits;
    }

    @PostMapping(value = "/api/v1/isochrones", consumes = {"application/json", "application/geo+json"},
            produces = {"application/geo+json", "application/json"})
    public Map<String, Object> isochrones(@RequestBody(required = false) String body) {
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
        double[] minutes = minutes(req.get("minutes"), speed);
        List<String> layers = layers(req.get("layers"));
        IsochroneResult r;
        try {
            r = network.isochrones(points, minutes, speed, layers);
        } catch (LayerNotFoundException e) {
            throw new BadRequestException("layers", e.getMessage());
        }
        return geoJson(r);
    }

    @GetMapping(value = "/api/v1/network/graphs", produces = "application/json")
    public Map<String, Object> graphs() {
        WalkGraphCache<List<RoadVersion>> cache = network.cache();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("maxGraphs", cache.maxGraphs());
        m.put("builds", cache.builds());
        m.put("hits", cache.hits());
        m.put("evictions", cache.evictions());
        m.put("building", cache.building().stream().map(IsochroneController::layers).toList());
        m.put("graphs", cache.entries().stream().map(e -> {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("layers", layers(e.key()));
            g.put("stats", stats(e.stats()));
            return g;
        }).toList());
        return m;
    }

    // ------------------------------------------------------------------------------------------ parsing

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

    private List<String> layers(JsonNode node) {
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

    // ------------------------------------------------------------------------------------------ output

    private Map<String, Object> geoJson(IsochroneResult r) {
        List<Map<String, Object>> rings = new ArrayList<>();
        for (NetworkService.Ring ring : r.rings()) {
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("minutes", ring.minutes());
            props.put("distanceMetres", ring.distanceMetres());
            props.put("areaM2", Math.round(ring.areaM2()));
            props.put("reachedEdges", ring.reachedEdges());
            props.put("facilityCount", r.facilities().stream()
                    .filter(f -> f.distanceMetres() <= ring.distanceMetres()).count());
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("type", "Feature");
            f.put("id", "ring-" + NetworkServiceFormat.number(ring.minutes()));
            f.put("properties", props);
            f.put("geometry", json.readTree(GeoJson.write(ring.area(), 7)));
            rings.add(f);
        }
        List<Map<String, Object>> facilities = new ArrayList<>();
        for (NetworkService.ReachedFacility fr : r.facilities()) {
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("layer", fr.layerId());
            props.put("name", fr.feature().text("name"));
            props.put("category", fr.feature().text("category"));
            props.put("distanceMetres", Math.round(fr.distanceMetres() * 10) / 10.0);
            props.put("minutes", fr.minutes());
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("type", "Feature");
            f.put("id", Long.parseLong(fr.feature().id()));
            f.put("properties", props);
            org.locationtech.jts.geom.Geometry g = fr.feature().geometry();
            if (g.getNumGeometries() == 1) { // stored as MultiPoint; a facility is one point on the map
                g = g.getGeometryN(0);
            }
            f.put("geometry", json.readTree(GeoJson.write(g, 7)));
            facilities.add(f);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", "FeatureCollection");
        out.put("features", rings);
        out.put("facilities", Map.of("type", "FeatureCollection", "features", facilities));
        out.put("origins", r.origins().stream().map(o -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("point", List.of(o.lon(), o.lat()));
            m.put("snapped", List.of(round7(o.snappedLon()), round7(o.snappedLat())));
            m.put("offsetMetres", Math.round(o.offsetMetres() * 10) / 10.0);
            return m;
        }).toList());
        out.put("speed", r.gb50180Distances() ? null : r.speed());
        out.put("distances", r.gb50180Distances() ? "GB 50180-2018: 5/10/15 min = 300/500/1000 m"
                : "minutes × speed (m/min)");
        out.put("layers", layers(r.roads()));
        out.put("facilityLayers", layers(r.facilityLayers()));
        out.put("graph", stats(r.graph()));
        return out;
    }

    private static double round7(double v) {
        return Math.round(v * 1e7) / 1e7;
    }

    private static List<Map<String, Object>> layers(List<RoadVersion> versions) {
        return versions.stream().map(v -> Map.<String, Object>of("id", v.layerId(), "version", v.version())).toList();
    }

    private static Map<String, Object> stats(GraphStats s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nodes", s.nodes());
        m.put("edges", s.edges());
        m.put("km", Math.round(s.totalKm() * 10) / 10.0);
        m.put("roadsUsed", s.roadsUsed());
        m.put("roadsNotWalkable", s.roadsNotWalkable());
        m.put("islandsDropped", s.componentsDropped());
        m.put("islandsDroppedKm", Math.round(s.droppedKm() * 10) / 10.0);
        m.put("buildMillis", s.buildMillis());
        m.put("memoryBytes", s.memoryBytes());
        return m;
    }

    /** Number formatting for ids: 5.0 → "5", 7.5 → "7.5". */
    private static final class NetworkServiceFormat {
        static String number(double v) {
            return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
        }
    }
}
