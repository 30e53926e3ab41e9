package org.greenplan.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.greenplan.ServerTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Issue 12: behind a proxy that is trusted ({@code greenplan.trust-forwarded-headers=true}) the absolute
 * links follow X-Forwarded-Proto/Host/Prefix. (Its own context: the default server ignores those headers,
 * see {@link DefaultLinksTest}.)
 */
@TestPropertySource(properties = {"greenplan.trust-forwarded-headers=true",
        "spring.datasource.hikari.maximum-pool-size=3"})
class ForwardedLinksTest extends ServerTestSupport {

    @Test
    void linksFollowTheForwardedHeadersOfATrustedProxy() {
        Reply r = get("/?f=json", "X-Forwarded-Proto", "https", "X-Forwarded-Host", "maps.example.org",
                "X-Forwarded-Prefix", "/gp");
        assertThat(r.status()).isEqualTo(200);
        for (JsonNode l : r.json().path("links")) {
            assertThat(l.path("href").asString()).startsWith("https://maps.example.org/gp/");
        }
        JsonNode items = get("/collections/demo-park/items?limit=1", "X-Forwarded-Proto", "https",
                "X-Forwarded-Host", "maps.example.org").json();
        for (JsonNode l : items.path("links")) {
            assertThat(l.path("href").asString()).startsWith("https://maps.example.org/collections/demo-park");
        }
    }
}
