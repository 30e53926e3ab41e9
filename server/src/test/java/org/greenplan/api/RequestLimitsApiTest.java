package org.greenplan.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import org.greenplan.ServerTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 12: finite bodies, vertex counts and list lengths. Over a body limit is 413 naming {@code body} and
 * the limit, with or without a Content-Length; too many vertices or list entries is 400 naming the field
 * and the limit.
 */
class RequestLimitsApiTest extends ServerTestSupport {

    private static final String CENTRE = "[119.959703, 30.399039]";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A valid isochrone request padded with an ignored member up to {@code bytes}. */
    private static String paddedIsochrone(int bytes) {
        String start = "{\"points\": [" + CENTRE + "], \"pad\": \"";
        return start + "x".repeat(bytes - start.length() - 2) + "\"}";
    }

    @Test
    void anOversizedJsonBodyIs413NamingTheBodyAndTheLimit() {
        // 1.5 MB: a little over, so the server drains it and the answer cannot be lost to a reset of the connection
        Reply r = send("POST", "/api/v1/isochrones", null, "application/json", paddedIsochrone(3 << 19));
        assertThat(r.status()).as(r.body()).isEqualTo(413);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().path("field").asString()).isEqualTo("body");
        assertThat(r.json().path("limit").asLong()).isEqualTo(1L << 20);
        assertThat(r.json().path("reason").asString()).contains("1 MB");

        Reply check = send("POST", "/api/v1/checks/control-lines", null, "application/geo+json", paddedIsochrone(2 << 20));
        assertThat(check.status()).as(check.body()).isEqualTo(413);
        assertThat(check.json().path("field").asString()).isEqualTo("body");
    }

    @Test
    void aChunkedBodyWithoutContentLengthIsCountedWhileItIsRead() throws Exception {
        // 2 MB: the refused rest (1 MB) is within what Tomcat swallows (server.tomcat.max-swallow-size)
        byte[] body = paddedIsochrone(2 << 20).getBytes(StandardCharsets.UTF_8);
        HttpRequest req = HttpRequest.newBuilder(URI.create(url("/api/v1/isochrones")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();
        HttpResponse<String> r;
        try {
            r = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("the server should answer 413, not drop the connection", e);
        }
        assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
        JsonNode p = JSON.readTree(r.body());
        assertThat(p.path("field").asString()).isEqualTo("body");
        assertThat(p.path("limit").asLong()).isEqualTo(1L << 20);
    }

    @Test
    void aSiteWithTooManyVerticesIs400NamingTheGeometryAndTheLimit() {
        int n = 25_000;
        StringBuilder ring = new StringBuilder();
        for (int i = 0; i <= n; i++) {
            double a = 2 * Math.PI * (i % n) / n;
            ring.append(i == 0 ? "" : ",").append('[').append(String.format(java.util.Locale.ROOT, "%.7f,%.7f",
                    119.95 + 0.01 * Math.cos(a), 30.40 + 0.01 * Math.sin(a))).append(']');
        }
        String site = "{\"type\":\"Polygon\",\"coordinates\":[[" + ring + "]]}";
        assertThat(site.length()).isLessThan(1 << 20);
        Reply r = send("POST", "/api/v1/checks/control-lines", null, "application/geo+json", site);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().path("field").asString()).isEqualTo("geometry");
        assertThat(r.json().path("limit").asInt()).isEqualTo(20_000);
        assertThat(r.json().path("reason").asString()).contains("vertices").contains("20000");
    }

    @Test
    void fortyThousandLayerEntriesAre400NamingTheList() {
        String layers = String.join(",", Collections.nCopies(40_000, "\"demo-road\""));
        Reply r = send("POST", "/api/v1/isochrones", null, "application/json",
                "{\"points\": [" + CENTRE + "], \"layers\": [" + layers + "]}");
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().path("field").asString()).isEqualTo("layers");
        assertThat(r.json().path("limit").asInt()).isEqualTo(50);

        String many = String.join(",", Collections.nCopies(60, "demo-park"));
        Reply indicator = get("/api/v1/indicators/park_area_per_capita?layers=" + many);
        assertThat(indicator.status()).as(indicator.body()).isEqualTo(400);
        assertThat(indicator.json().path("field").asString()).isEqualTo("layers");
        assertThat(indicator.json().path("limit").asInt()).isEqualTo(50);

        String points = String.join(",", Collections.nCopies(5_000, CENTRE));
        Reply multi = send("POST", "/api/v1/isochrones", null, "application/json",
                "{\"points\": {\"type\":\"MultiPoint\",\"coordinates\":[" + points + "]}}");
        assertThat(multi.status()).as(multi.body()).isEqualTo(400);
        assertThat(multi.json().path("field").asString()).isEqualTo("points");
        assertThat(multi.json().path("limit").asInt()).isEqualTo(100);
    }
}
