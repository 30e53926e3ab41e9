package org.greenplan.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.greenplan.ServerTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Issue 12: with {@code greenplan.public-url} set every absolute link starts with it, whatever Host or
 * X-Forwarded-* a client sends. This context also closes reading ({@code public-read=false}): then nothing
 * is publicly cacheable, tiles included.
 */
@TestPropertySource(properties = {"greenplan.public-url=https://planning.example.cn/greenplan/",
        "greenplan.auth.public-read=false", "spring.datasource.hikari.maximum-pool-size=3"})
class PublicUrlLinksTest extends ServerTestSupport {

    private static final String[] AUTH = {"Authorization", "Bearer " + READER};

    @Test
    void linksStartWithTheConfiguredPublicUrl() {
        Reply r = get("/?f=json", AUTH[0], AUTH[1], "X-Forwarded-Host", "evil.example", "X-Forwarded-Proto", "http");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("links").size()).isGreaterThan(3);
        for (JsonNode l : r.json().path("links")) {
            assertThat(l.path("href").asString()).startsWith("https://planning.example.cn/greenplan/")
                    .doesNotContain("//greenplan//");
        }
        JsonNode items = get("/collections/demo-park/items?limit=1", AUTH[0], AUTH[1]).json();
        assertThat(items.path("links").size()).isGreaterThan(1);
        for (JsonNode l : items.path("links")) {
            assertThat(l.path("href").asString()).startsWith("https://planning.example.cn/greenplan/collections/");
        }
    }

    @Test
    void whenReadingNeedsATokenNothingIsPubliclyCacheable() {
        String tile = "/tiles/demo-park/14/13651/6743.mvt";
        Reply none = get(tile);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().path("field").asString()).isEqualTo("Authorization");
        Reply r = get(tile, AUTH[0], AUTH[1]);
        assertThat(r.status()).isIn(200, 204);
        assertThat(String.join(",", r.headers().allValues("Cache-Control"))).contains("private").doesNotContain("public");
    }
}
