package org.greenplan.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 14: single sign-on. JWTs minted here with a generated RSA key, whose public half this test serves as
 * the issuer's JWK set over real HTTP; the server (its own context, with the issuer configured) reads workspace
 * roles from the greenplan_roles claim in both forms. A bad signature, a wrong issuer or an expired token is 401.
 */
class OidcJwtTest extends SecurityTestSupport {

    static final String ISSUER = "https://sso.greenplan.test/realms/planning";
    static final RSAKey SIGNING = generate("sso-1");
    static final RSAKey STRANGER = generate("sso-1"); // same key id, another key: a forged signature
    static HttpServer jwks;

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) throws IOException {
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] body = new JWKSet(SIGNING.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        jwks.start();
        registry.add("greenplan.auth.oidc.issuer", () -> ISSUER);
        registry.add("greenplan.auth.oidc.jwk-set-uri", () -> "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks");
    }

    @AfterAll
    static void stop() {
        jwks.stop(0);
    }

    @BeforeEach
    void workspaces() {
        workspace("sso-a", "private");
        workspace("sso-b", "private");
    }

    @Test
    void rolesComeFromTheClaimAsAnObjectOrAsAList() {
        String admin = mint(SIGNING, ISSUER, "planner-1", Map.of("sso-a", "admin"), 300);
        assertThat(getWith("/api/v1/workspaces/sso-a/keys", admin).status()).isEqualTo(200);
        Reply other = getWith("/w/sso-b/zz-nothing", admin);
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.json().path("workspace").asString()).isEqualTo("sso-b");
        assertThat(other.json().path("reason").asString()).contains("jwt:planner-1");

        String listed = mint(SIGNING, ISSUER, "planner-2", List.of("sso-a:reader", "sso-b:admin", "nonsense"), 300);
        assertThat(getWith("/w/sso-a/zz-nothing", listed).status()).isEqualTo(404);
        Reply low = getWith("/api/v1/workspaces/sso-a/keys", listed);
        assertThat(low.status()).isEqualTo(403);
        assertThat(low.json().path("role").asString()).isEqualTo("admin");
        assertThat(getWith("/api/v1/workspaces/sso-b/keys", listed).status()).isEqualTo(200);

        // "*" is every workspace; a token without the claim is a caller with no role (public reads only)
        String everywhere = mint(SIGNING, ISSUER, "planner-3", Map.of("*", "reader"), 300);
        assertThat(getWith("/w/sso-b/zz-nothing", everywhere).status()).isEqualTo(404);
        String none = mint(SIGNING, ISSUER, "visitor", null, 300);
        assertThat(getWith("/w/sso-a/zz-nothing", none).status()).isEqualTo(403);
        assertThat(getWith("/api/v1/layers", none).status()).isEqualTo(200);
    }

    @Test
    void aJwtWriteIsAuditedUnderItsSubject() {
        String admin = mint(SIGNING, ISSUER, "planner-audit", Map.of("sso-a", "admin"), 300);
        assertThat(send("POST", "/api/v1/workspaces/sso-a/keys", admin, "application/json",
                "{\"name\":\"by sso\",\"role\":\"reader\"}").status()).isEqualTo(201);
        assertThat(jdbc.queryForObject("SELECT who FROM audit_event ORDER BY id DESC LIMIT 1", String.class))
                .isEqualTo("jwt:planner-audit");
    }

    @Test
    void aBadSignatureAWrongIssuerOrAnExpiredTokenIs401() {
        Map<String, String> roles = Map.of("sso-a", "admin");
        Reply forged = getWith("/api/v1/workspaces/sso-a/keys", mint(STRANGER, ISSUER, "x", roles, 300));
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.json().path("field").asString()).isEqualTo("Authorization");
        Reply issuer = getWith("/api/v1/workspaces/sso-a/keys", mint(SIGNING, "https://evil.test", "x", roles, 300));
        assertThat(issuer.status()).isEqualTo(401);
        assertThat(issuer.json().path("reason").asString()).contains("iss");
        Reply expired = getWith("/api/v1/workspaces/sso-a/keys", mint(SIGNING, ISSUER, "x", roles, -120));
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().path("reason").asString()).containsIgnoringCase("expired");
        // and on a public read too: a bad token is never taken for no token
        assertThat(getWith("/api/v1/layers", mint(STRANGER, ISSUER, "x", roles, 300)).status()).isEqualTo(401);
    }

    static String mint(RSAKey key, String issuer, String subject, Object roles, long secondsValid) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer).subject(subject)
                .issueTime(Date.from(now.minusSeconds(Math.max(0, -secondsValid) + 60)))
                .expirationTime(Date.from(now.plusSeconds(secondsValid)));
        if (roles != null) {
            claims.claim("greenplan_roles", roles);
        }
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey generate(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
