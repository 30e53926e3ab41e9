package org.greenplan.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.greenplan.ServerTestSupport;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: what is read with a token is not for shared caches (Cache-Control private, Vary: Authorization),
 * and the token fingerprint recorded as {@code createdBy} is an HMAC with a server secret, not a prefix of
 * the token's plain SHA-256 that anyone could check guesses against.
 */
class TokenResponsesTest extends ServerTestSupport {

    private static final String PARK = """
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"指纹公园"},
             "geometry":{"type":"Polygon","coordinates":[[[119.93,30.38],[119.931,30.38],[119.931,30.381],[119.93,30.38]]]}}]}""";

    @Test
    void responsesReadWithATokenArePrivate() {
        Reply layers = get("/api/v1/layers", "Authorization", "Bearer " + READER);
        assertThat(layers.status()).isEqualTo(200);
        assertThat(layers.headers().firstValue("Cache-Control").orElse("")).contains("private")
                .doesNotContain("public");
        assertThat(String.join(",", layers.headers().allValues("Vary"))).containsIgnoringCase("Authorization");

        String tile = "/tiles/demo-park/14/13651/6743.mvt";
        Reply open = get(tile);
        assertThat(open.status()).isIn(200, 204);
        assertThat(open.headers().firstValue("Cache-Control").orElse("")).contains("public");
        Reply withToken = get(tile, "Authorization", "Bearer " + READER);
        assertThat(withToken.status()).isIn(200, 204);
        assertThat(String.join(",", withToken.headers().allValues("Cache-Control"))).contains("private")
                .doesNotContain("public");
        assertThat(String.join(",", withToken.headers().allValues("Vary"))).containsIgnoringCase("Authorization");

        Reply job = get("/api/v1/imports/00000000-0000-0000-0000-000000000000", "Authorization", "Bearer " + ANALYST);
        assertThat(job.status()).isEqualTo(404);
        assertThat(job.headers().firstValue("Cache-Control").orElse("")).contains("private");
    }

    @Test
    void createdByIsAKeyedFingerprintNotAPrefixOfTheTokensHash() throws Exception {
        try {
            assertThat(send("POST", "/api/v1/layers?name=fp&kind=park&id=t-fingerprint", ANALYST,
                    "application/geo+json", PARK).status()).isEqualTo(201);
            assertThat(send("POST", "/api/v1/layers/t-fingerprint/versions", ANALYST, "application/geo+json", PARK)
                    .status()).isEqualTo(201);
            var versions = get("/api/v1/layers/t-fingerprint").json().path("versions");
            String createdBy = versions.get(0).path("createdBy").asString();
            assertThat(createdBy).startsWith("analyst:");
            String fingerprint = createdBy.substring("analyst:".length());
            assertThat(fingerprint).matches("[0-9a-f]{8,}");
            // the same token gives the same fingerprint, so versions can still be attributed
            assertThat(versions.get(1).path("createdBy").asString()).isEqualTo(createdBy);
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(ANALYST.getBytes(StandardCharsets.UTF_8)));
            assertThat(sha).doesNotStartWith(fingerprint);
            assertThat(sha).doesNotContain(fingerprint);
        } finally {
            send("DELETE", "/api/v1/layers/t-fingerprint", ADMIN, null, null);
        }
    }
}
