package org.greenplan.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.greenplan.ServerTestSupport;
import org.junit.jupiter.api.Test;

/**
 * Every response carries the browser's protections: a Content-Security-Policy that allows scripts from this
 * server only (no inline script, no eval), no framing, no MIME sniffing, and a Referrer-Policy that sends
 * other sites the origin at most. The basemap hosts the page draws from are allowed as images.
 */
class SecurityHeadersTest extends ServerTestSupport {

    @Test
    void theMapPageAndTheReportCarryTheCspAndTheOtherHeaders() {
        for (String path : new String[] {"/", "/index.html", "/report.html", "/province.html", "/app.js"}) {
            Reply r = get(path, "Accept", "text/html");
            assertThat(r.status()).as(path).isEqualTo(200);
            assertCommonHeaders(path, r.headers());
            Map<String, String> csp = csp(r.headers());
            assertThat(csp.get("script-src")).as(path).isEqualTo("'self'");
            assertThat(csp.get("object-src")).isEqualTo("'none'");
            assertThat(csp.get("frame-ancestors")).isEqualTo("'none'");
            assertThat(csp.get("base-uri")).isEqualTo("'self'");
            assertThat(csp.get("form-action")).isEqualTo("'self'");
            assertThat(csp.get("connect-src")).isEqualTo("'self'");
            assertThat(csp.get("default-src")).isEqualTo("'self'");
            assertThat(csp.get("img-src").split(" ")).contains("'self'", "data:", "blob:", "https://tile.openstreetmap.org",
                    "https://t0.tianditu.gov.cn", "https://t7.tianditu.gov.cn");
            assertThat(String.join(" ", csp.values())).doesNotContain("unsafe-eval", "*");
            assertThat(csp.get("script-src")).doesNotContain("unsafe-inline");
        }
        assertThat(get("/", "Accept", "text/html").contentType()).startsWith("text/html");
    }

    @Test
    void apiResponsesAndProblemsAreNotSniffed() {
        for (String path : new String[] {"/api/v1/indicators", "/collections", "/?f=json", "/api/v1/indicators/nope",
                "/api/v1/indicators.csv?year=20x5", "/no-such-page"}) {
            Reply r = get(path, "Accept", "application/json");
            assertCommonHeaders(path, r.headers());
        }
        Reply refused = send("POST", "/api/v1/layers?name=x&kind=park", null, "application/geo+json", "{}");
        assertThat(refused.status()).isEqualTo(401);
        assertCommonHeaders("a refused write", refused.headers());
    }

    private static void assertCommonHeaders(String what, HttpHeaders h) {
        assertThat(h.allValues("X-Content-Type-Options")).as(what).containsExactly("nosniff");
        assertThat(h.allValues("X-Frame-Options")).as(what).containsExactly("DENY");
        assertThat(h.allValues("Referrer-Policy")).as(what).containsExactly("strict-origin-when-cross-origin");
        assertThat(h.allValues("Content-Security-Policy")).as(what).hasSize(1);
        assertThat(csp(h).get("frame-ancestors")).as(what).isEqualTo("'none'");
    }

    /** The policy's directives by name. */
    private static Map<String, String> csp(HttpHeaders h) {
        String policy = h.firstValue("Content-Security-Policy").orElse("");
        return Arrays.stream(policy.split(";")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toMap(s -> s.split(" ", 2)[0], s -> s.contains(" ") ? s.split(" ", 2)[1] : ""));
    }
}
