package org.greenplan.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What the load test needs to know about the served city, read once before the run as the map page reads it:
 * the workspace's extent, its layers by kind, the indicator catalogue and a sample of feature ids. Also the
 * random requests drawn from it (tiles inside the extent, small boxes, points).
 */
final class City {

    private static final ObjectMapper JSON = new ObjectMapper();

    final String base;
    final String ws;
    final double minLon, minLat, maxLon, maxLat;
    final Map<String, String> layerByKind;
    final List<String> indicators;
    final List<String> residentialIds;
    /** The layers as the run starts, for {@code layers=}: the analyst's imports during the run are not among them. */
    final String layers;

    private City(String base, String ws, double[] box, Map<String, String> layerByKind, List<String> indicators,
            List<String> residentialIds, String layers) {
        this.base = base;
        this.ws = ws;
        this.minLon = box[0];
        this.minLat = box[1];
        this.maxLon = box[2];
        this.maxLat = box[3];
        this.layerByKind = layerByKind;
        this.indicators = indicators;
        this.residentialIds = residentialIds;
        this.layers = layers;
    }

    static City read(String base, String ws) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        JsonNode w = get(http, base + "/api/v1/workspaces/" + ws);
        JsonNode e = w.path("bbox");
        if (!e.isArray() || e.size() != 4) {
            throw new IllegalStateException("workspace " + ws + " has no extent: " + w);
        }
        double[] box = {e.get(0).asDouble(), e.get(1).asDouble(), e.get(2).asDouble(), e.get(3).asDouble()};
        Map<String, String> byKind = new LinkedHashMap<>();
        List<String> layers = new ArrayList<>();
        for (JsonNode c : get(http, base + "/w/" + ws + "/collections?f=json").path("collections")) {
            if (!c.path("id").asText().equals(BureauDay.SURVEY_LAYER)) {
                byKind.putIfAbsent(c.path("kind").asText(), c.path("id").asText());
                layers.add(c.path("id").asText());
            }
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode i : get(http, base + "/api/v1/workspaces/" + ws + "/indicators").path("indicators")) {
            ids.add(i.path("id").asText());
        }
        String residential = byKind.get("residential");
        if (residential == null) {
            throw new IllegalStateException("workspace " + ws + " has no residential layer: " + byKind);
        }
        double cx = (box[0] + box[2]) / 2, cy = (box[1] + box[3]) / 2;
        List<String> featureIds = new ArrayList<>();
        String bbox = (cx - 0.05) + "," + (cy - 0.05) + "," + (cx + 0.05) + "," + (cy + 0.05);
        for (JsonNode f : get(http, base + "/w/" + ws + "/collections/" + residential + "/items?f=json&limit=500&bbox=" + bbox)
                .path("features")) {
            featureIds.add(f.path("id").asText());
        }
        if (featureIds.isEmpty() || ids.isEmpty()) {
            throw new IllegalStateException("no residential features near the centre or no indicators in " + ws);
        }
        return new City(base, ws, box, byKind, ids, featureIds, String.join(",", layers));
    }

    static JsonNode get(HttpClient http, String url) {
        HttpResponse<String> r = send(http, HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json")
                .timeout(Duration.ofMinutes(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
        }
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException(url + ": " + e.getMessage(), e);
        }
    }

    /** The status of a GET, the body discarded. */
    static int status(HttpClient http, String url, Duration limit) {
        return send(http, HttpRequest.newBuilder(URI.create(url)).timeout(limit).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** A request sent; no answer (refused, timed out) is an IllegalStateException naming the address. */
    private static <T> HttpResponse<T> send(HttpClient http, HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(request, body);
        } catch (IOException e) {
            throw new IllegalStateException(request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A tile at zoom z whose area lies inside the extent (XYZ scheme, as the map page asks). */
    int[] tile(Random r, int z) {
        double lon = minLon + r.nextDouble() * (maxLon - minLon);
        double lat = minLat + r.nextDouble() * (maxLat - minLat);
        int n = 1 << z;
        int x = (int) Math.floor((lon + 180) / 360 * n);
        double rad = Math.toRadians(lat);
        int y = (int) Math.floor((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2 * n);
        return new int[] {z, x, y};
    }

    double[] point(Random r) {
        return new double[] {minLon + r.nextDouble() * (maxLon - minLon), minLat + r.nextDouble() * (maxLat - minLat)};
    }

    /** A box of about {@code metres} on a side inside the extent: what a user's map view or drawn area is. */
    String box(Random r, double metres) {
        double dLat = metres / 111_320.0;
        double dLon = dLat / Math.cos(Math.toRadians((minLat + maxLat) / 2));
        double lon = minLon + r.nextDouble() * Math.max(0, maxLon - minLon - dLon);
        double lat = minLat + r.nextDouble() * Math.max(0, maxLat - minLat - dLat);
        return String.format(java.util.Locale.ROOT, "%.6f,%.6f,%.6f,%.6f", lon, lat, lon + dLon, lat + dLat);
    }

    /** A small facility file, as an analyst's survey of new sites: {@code n} points inside the extent. */
    String facilities(Random r, int n) {
        StringBuilder b = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        for (int i = 0; i < n; i++) {
            double[] p = point(r);
            b.append(i == 0 ? "" : ",").append(String.format(java.util.Locale.ROOT,
                    "{\"type\":\"Feature\",\"properties\":{\"name\":\"新建幼儿园 %d\",\"category\":\"kindergarten\"},"
                            + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[%.6f,%.6f]}}", i, p[0], p[1]));
        }
        return b.append("]}").toString();
    }
}
