package org.greenplan.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.greenplan.ServerTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Issue 12: by default (no public URL, no trusted proxy) X-Forwarded-* is ignored; links use the request's host. */
class DefaultLinksTest extends ServerTestSupport {

    @Test
    void forwardedHeadersAreIgnoredUnlessTrusted() {
        Reply r = get("/?f=json", "X-Forwarded-Host", "evil.example", "X-Forwarded-Proto", "https",
                "X-Forwarded-Prefix", "/x");
        assertThat(r.status()).isEqualTo(200);
        for (JsonNode l : r.json().path("links")) {
            assertThat(l.path("href").asString()).startsWith("http://localhost:" + port + "/");
        }
    }
}
