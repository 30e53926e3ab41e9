package org.greenplan.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.Optional;
import org.greenplan.ServerTestSupport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Issue 16, observability: health (database, disk, GDAL) and Prometheus metrics without a token from localhost,
 * with the admin role only from elsewhere; the server's figures in the metrics; one structured log line per
 * request carrying its id.
 */
@ExtendWith(OutputCaptureExtension.class)
class OperationsApiTest extends ServerTestSupport {

    @Test
    void healthNamesTheDatabaseTheDiskAndGdal() {
        Reply r = get("/actuator/health");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        var components = r.json().path("components");
        assertThat(r.json().path("status").asString()).isEqualTo("UP");
        assertThat(components.path("db").path("status").asString()).isEqualTo("UP");
        assertThat(components.path("diskSpace").path("status").asString()).isEqualTo("UP");
        assertThat(components.path("gdal").path("status").asString()).isEqualTo("UP");
        assertThat(components.path("gdal").path("details").path("ogr2ogr").asString()).startsWith("GDAL ");
    }

    @Test
    void prometheusHasRequestTimersIndicatorTimesQueuesAndCaches() {
        // an indicator this test alone asks for: computed, so its compute time is recorded
        String path = "/api/v1/indicators/park_area_per_capita?layers=demo-park,demo-residential&bbox=119.93,30.31,120,30.45";
        assertThat(get(path).status()).isEqualTo(200);
        assertThat(get("/tiles/demo-park/14/13651/6743.png").status()).isEqualTo(200);
        Reply r = get("/actuator/prometheus");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/plain");
        assertThat(r.body())
                .contains("http_server_requests_seconds_count{")
                .containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/api/v1/indicators/\\{id\\}\"")
                .containsPattern("greenplan_indicator_compute_seconds_count\\{indicator=\"park_area_per_capita\"\\} [1-9]")
                .contains("greenplan_bulkhead_queued{kind=\"indicator\"}")
                .contains("greenplan_bulkhead_running{kind=\"isochrone\"}")
                .containsPattern("greenplan_cache_misses_total\\{cache=\"indicator\"\\} [1-9]")
                .contains("greenplan_cache_hits_total{cache=\"tile\"}")
                .contains("greenplan_cache_hits_total{cache=\"walk_graph\"}")
                .contains("greenplan_requests_cancelled_total");
    }

    @Test
    void eachRequestIsOneLogLineWithItsId(CapturedOutput output) throws InterruptedException {
        String id = "ops-test-" + System.nanoTime();
        assertThat(get("/api/v1/indicators/park_area_per_capita?layers=demo-park,demo-residential",
                "X-Request-Id", id).status()).isEqualTo(200);
        assertThat(get("/api/v1/collections/no-such-layer", "X-Request-Id", id + "-404").status()).isEqualTo(404);
        // the indicator was answered off the request thread: its line is written as the answer completes
        for (int i = 0; i < 100 && !output.getOut().contains("request id=" + id + " "); i++) {
            Thread.sleep(50);
        }
        assertThat(output.getOut()).containsPattern("request id=" + id
                + " method=GET path=/api/v1/indicators/park_area_per_capita status=200 ms=[0-9]+\\.[0-9]")
                .containsPattern("request id=" + id + "-404 method=GET path=/api/v1/collections/no-such-layer status=404 ");
    }

    @Test
    void aProxiedRequestIsNotLocal() {
        Reply r = get("/actuator/health", "X-Forwarded-For", "203.0.113.9");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(get("/actuator/prometheus", "X-Forwarded-For", "203.0.113.9", "Authorization", "Bearer " + ADMIN)
                .status()).isEqualTo(200);
    }

    @Test
    void fromAnotherAddressOnlyTheAdminReadsHealthAndMetrics() throws Exception {
        Optional<InetAddress> own = ownNonLoopbackAddress();
        Assumptions.assumeTrue(own.isPresent(), "this machine has no non-loopback IPv4 address");
        HttpClient client = HttpClient.newHttpClient();
        String base = "http://" + own.get().getHostAddress() + ":" + port;
        for (String path : new String[] {"/actuator/health", "/actuator/prometheus"}) {
            assertThat(status(client, base + path, null)).isEqualTo(401);
            assertThat(status(client, base + path, ANALYST)).isEqualTo(403);
            assertThat(status(client, base + path, ADMIN)).isEqualTo(200);
        }
    }

    private static int status(HttpClient client, String url, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static Optional<InetAddress> ownNonLoopbackAddress() throws Exception {
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nif.isUp() || nif.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
                    return Optional.of(a);
                }
            }
        }
        return Optional.empty();
    }
}
