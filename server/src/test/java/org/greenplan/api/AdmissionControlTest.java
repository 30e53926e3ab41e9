package org.greenplan.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.greenplan.ServerTestSupport;
import org.greenplan.indicator.service.IndicatorService;
import org.greenplan.limits.Bulkheads;
import org.greenplan.limits.Bulkheads.Kind;
import org.greenplan.limits.CancelOnDisconnect;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Issue 16, admission control with real concurrent HTTP clients: while every indicator slot is taken (held by the
 * test, as long computations would hold them), requests queue up to the bound and beyond it are refused at once
 * with 503 + Retry-After; the queued ones are answered once slots free; a client that hangs up while queued
 * leaves the queue and its computation never runs. The queue waits long here (20 s) so that only the bound and
 * the hang-up decide, never the clock.
 */
@TestPropertySource(properties = {"greenplan.limits.queue=3", "greenplan.limits.wait=20s"})
class AdmissionControlTest extends ServerTestSupport {

    private static final String INDICATOR = "/api/v1/indicators/park_area_per_capita?layers=demo-park,demo-residential";

    @Autowired
    Bulkheads bulkheads;

    @Autowired
    CancelOnDisconnect cancellations;

    @Autowired
    IndicatorService indicators;

    /** An uncached query each time: a box of its own around the demo town. */
    private static String uncached(int i) {
        return INDICATOR + "&bbox=119.9" + i + ",30.3,120.01,30.5";
    }

    private List<Bulkheads.Permit> holdIndicatorSlots() {
        List<Bulkheads.Permit> held = new ArrayList<>();
        for (int i = 0; i < bulkheads.limit(Kind.INDICATOR); i++) {
            held.add(bulkheads.enter(Kind.INDICATOR));
        }
        return held;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 600 && !condition.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }

    @Test
    void requestsQueueUpToTheBoundBeyondIt503WithRetryAfterAndTheQueuedAreAnswered() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        List<Bulkheads.Permit> held = holdIndicatorSlots();
        List<CompletableFuture<HttpResponse<String>>> replies = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                replies.add(client.sendAsync(HttpRequest.newBuilder(URI.create(url(uncached(i)))).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
            }
            await("three queued", () -> bulkheads.waiting(Kind.INDICATOR) == 3);
            await("three refused", () -> replies.stream().filter(CompletableFuture::isDone).count() == 3);
            for (var r : replies.stream().filter(CompletableFuture::isDone).toList()) {
                HttpResponse<String> busy = r.get();
                assertThat(busy.statusCode()).as(busy.body()).isEqualTo(503);
                assertThat(busy.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
                assertThat(busy.headers().firstValue("Retry-After").orElseThrow()).matches("[1-9][0-9]*");
                assertThat(JSON.readTree(busy.body()).path("kind").asString()).isEqualTo("indicator");
            }
        } finally {
            held.forEach(Bulkheads.Permit::close);
        }
        int ok = 0;
        for (var r : replies) {
            HttpResponse<String> reply = r.get();
            assertThat(reply.statusCode()).as(reply.body()).isIn(200, 503);
            ok += reply.statusCode() == 200 ? 1 : 0;
        }
        assertThat(ok).isEqualTo(3);
        assertThat(bulkheads.running(Kind.INDICATOR)).isZero();
    }

    @Test
    void aClientThatHangsUpWhileQueuedLeavesTheQueueAndNothingIsComputed() throws Exception {
        long cancelledBefore = cancellations.cancelled();
        int cachedBefore = indicators.cacheSize();
        List<Bulkheads.Permit> held = holdIndicatorSlots();
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + uncached(7) + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            await("the request queued", () -> bulkheads.waiting(Kind.INDICATOR) == 1);
        } // the client hangs up
        try {
            await("the request left the queue", () -> bulkheads.waiting(Kind.INDICATOR) == 0);
            assertThat(cancellations.cancelled()).isEqualTo(cancelledBefore + 1);
        } finally {
            held.forEach(Bulkheads.Permit::close);
        }
        assertThat(bulkheads.running(Kind.INDICATOR)).isZero();
        assertThat(indicators.cacheSize()).as("the abandoned run was never computed").isEqualTo(cachedBefore);
        // the server goes on answering, the same query included
        assertThat(get(uncached(7)).status()).isEqualTo(200);
    }
}
