package org.greenplan.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Issue 14: API keys with one role in one workspace. A key scoped to one workspace cannot read a private other
 * nor write to any other; a key without the role gets 403 naming the role and the workspace; a revoked or
 * expired key gets 401; the secret is shown once and kept only as a bcrypt hash.
 */
class ApiKeysTest extends SecurityTestSupport {

    private static final String PARK = """
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"钥匙公园"},
             "geometry":{"type":"Polygon","coordinates":[[[119.93,30.38],[119.931,30.38],[119.931,30.381],[119.93,30.38]]]}}]}""";

    @Autowired
    PasswordEncoder encoder;

    @BeforeEach
    void workspaces() {
        workspace("keys-a", "private");
        workspace("keys-b", "private");
        workspace("keys-pub", "public");
    }

    @Test
    void aKeyIsShownOnceAndKeptAsABcryptHash() {
        Reply made = send("POST", "/api/v1/workspaces/keys-a/keys", ADMIN, "application/json",
                "{\"name\":\"dashboard\",\"role\":\"reader\",\"expiresAt\":\"2099-01-01T00:00:00Z\"}");
        assertThat(made.status()).isEqualTo(201);
        String token = made.json().path("token").asString();
        assertThat(token).matches("gpk_[a-z0-9]{12}_[A-Za-z0-9_-]{43}");
        String id = made.json().path("id").asString();
        assertThat(made.headers().firstValue("Location").orElseThrow()).endsWith("/api/v1/workspaces/keys-a/keys/" + id);
        assertThat(made.json().path("role").asString()).isEqualTo("reader");
        assertThat(made.json().path("expiresAt").asString()).isEqualTo("2099-01-01T00:00:00Z");

        String hash = jdbc.queryForObject("SELECT secret_hash FROM api_key WHERE id = ?", String.class, id);
        String secret = token.substring(17);
        assertThat(hash).startsWith("{bcrypt}$2").doesNotContain(secret);
        assertThat(encoder.matches(secret, hash)).isTrue();

        Reply list = getWith("/api/v1/workspaces/keys-a/keys", ADMIN);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains(id).doesNotContain(secret).doesNotContain("$2");
        // the key works, and only where it was given
        assertThat(getWith("/w/keys-a/zz-nothing", token).status()).isEqualTo(404);
        assertThat(getWith("/w/keys-b/zz-nothing", token).status()).isEqualTo(403);
    }

    @Test
    void aKeyOfOneWorkspaceCannotReadAPrivateOtherNorWriteToAnyOther() {
        String adminOfA = key("keys-a", "admin");
        // reads: in its own private workspace the request passes (to a path no endpoint answers: 404), in another
        // private one it is refused (403)
        assertThat(getWith("/w/keys-a/zz-nothing", adminOfA).status()).isEqualTo(404);
        assertThat(getWith("/api/v1/workspaces/keys-a/keys", adminOfA).status()).isEqualTo(200);
        Reply otherRead = getWith("/w/keys-b/zz-nothing", adminOfA);
        assertThat(otherRead.status()).isEqualTo(403);
        assertThat(otherRead.json().path("role").asString()).isEqualTo("reader");
        assertThat(otherRead.json().path("workspace").asString()).isEqualTo("keys-b");
        // a public workspace is read by anyone, this key too
        assertThat(getWith("/w/keys-pub/zz-nothing", adminOfA).status()).isEqualTo(404);
        assertThat(getWith("/w/keys-pub/zz-nothing", null).status()).isEqualTo(404);

        // writes: nowhere but in its own workspace
        Reply otherKeys = send("POST", "/api/v1/workspaces/keys-b/keys", adminOfA, "application/json",
                "{\"name\":\"x\",\"role\":\"reader\"}");
        assertThat(otherKeys.status()).isEqualTo(403);
        assertThat(otherKeys.json().path("role").asString()).isEqualTo("admin");
        assertThat(otherKeys.json().path("workspace").asString()).isEqualTo("keys-b");
        assertThat(otherKeys.json().path("reason").asString()).contains("admin").contains("keys-b")
                .contains("key:" + idOf(adminOfA)).contains("no role");
        Reply pubKeys = send("POST", "/api/v1/workspaces/keys-pub/keys", adminOfA, "application/json",
                "{\"name\":\"x\",\"role\":\"reader\"}");
        assertThat(pubKeys.status()).isEqualTo(403);
        // the unscoped upload writes to the default workspace demo
        Reply upload = send("POST", "/api/v1/layers?name=k&kind=park&id=t-keys-other", adminOfA,
                "application/geo+json", PARK);
        assertThat(upload.status()).isEqualTo(403);
        assertThat(upload.json().path("role").asString()).isEqualTo("analyst");
        assertThat(upload.json().path("workspace").asString()).isEqualTo("demo");
        assertThat(upload.json().path("field").asString()).isEqualTo("Authorization");
        // global keys need a global admin
        assertThat(send("POST", "/api/v1/keys", adminOfA, "application/json", "{\"name\":\"x\",\"role\":\"admin\"}")
                .status()).isEqualTo(403);
        assertThat(send("POST", "/api/v1/workspaces/keys-a/keys", adminOfA, "application/json",
                "{\"name\":\"mine\",\"role\":\"reader\"}").status()).isEqualTo(201);
    }

    @Test
    void aKeyWithoutTheRoleIs403NamingTheRoleAndTheWorkspace() {
        String analystOfDemo = key("demo", "analyst");
        try {
            assertThat(send("POST", "/api/v1/layers?name=k&kind=park&id=t-keys-analyst", analystOfDemo,
                    "application/geo+json", PARK).status()).isEqualTo(201);
            assertThat(jdbc.queryForObject("SELECT created_by FROM layer_version v JOIN layer l ON l.current_version_id = v.id"
                    + " WHERE l.id = 't-keys-analyst'", String.class)).isEqualTo("analyst:key:" + idOf(analystOfDemo));
            Reply delete = send("DELETE", "/api/v1/layers/t-keys-analyst", analystOfDemo, null, null);
            assertThat(delete.status()).isEqualTo(403);
            assertThat(delete.contentType()).startsWith("application/problem+json");
            assertThat(delete.json().path("role").asString()).isEqualTo("admin");
            assertThat(delete.json().path("workspace").asString()).isEqualTo("demo");
            assertThat(delete.json().path("reason").asString()).contains("the analyst role");
        } finally {
            send("DELETE", "/api/v1/layers/t-keys-analyst", ADMIN, null, null);
        }
        String readerOfA = key("keys-a", "reader");
        Reply keys = send("POST", "/api/v1/workspaces/keys-a/keys", readerOfA, "application/json",
                "{\"name\":\"x\",\"role\":\"reader\"}");
        assertThat(keys.status()).isEqualTo(403);
        assertThat(keys.json().path("reason").asString()).contains("admin").contains("keys-a").contains("the reader role");
    }

    @Test
    void aPrivateWorkspaceIsRefusedToStrangersBeforeAnythingSaysWhatItHolds() {
        Reply anonymous = get("/w/keys-a/zz-nothing/anything/items");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().path("workspace").asString()).isEqualTo("keys-a");
        assertThat(anonymous.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
        assertThat(get("/api/v1/workspaces/keys-a/zz-nothing").status()).isEqualTo(401);
        assertThat(getWith("/api/v1/workspaces/keys-a/zz-nothing", READER).status()).isEqualTo(404); // a global reader
        assertThat(anonymous.headers().firstValue("Cache-Control").orElse("")).contains("private");
    }

    @Test
    void aRevokedKeyIs401AtOnceAndARevocationByAnotherServerWithinFiveSeconds() throws Exception {
        String reader = key("keys-a", "reader");
        assertThat(getWith("/w/keys-a/zz-nothing", reader).status()).isEqualTo(404);
        assertThat(send("DELETE", "/api/v1/workspaces/keys-a/keys/" + idOf(reader), ADMIN, null, null).status())
                .isEqualTo(204);
        Reply revoked = getWith("/w/keys-a/zz-nothing", reader);
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.json().path("reason").asString()).contains("revoked");
        // a revoked key is 401 on public reads too: it is not silently taken for no key
        assertThat(getWith("/api/v1/layers", reader).status()).isEqualTo(401);
        assertThat(getWith("/api/v1/workspaces/keys-a/keys", ADMIN).json().toString()).contains("revokedAt");

        // another server revokes it (straight in the table): this one stops accepting it within 5 s
        String other = key("keys-a", "reader");
        assertThat(getWith("/w/keys-a/zz-nothing", other).status()).isEqualTo(404);
        jdbc.update("UPDATE api_key SET revoked_at = now() WHERE id = ?", idOf(other));
        long t0 = System.nanoTime();
        int status = 404;
        while (status != 401 && System.nanoTime() - t0 < 8_000_000_000L) {
            Thread.sleep(100);
            status = getWith("/w/keys-a/zz-nothing", other).status();
        }
        assertThat(status).isEqualTo(401);
        assertThat((System.nanoTime() - t0) / 1e9).as("seconds until refused").isLessThan(5.5);
    }

    @Test
    void anExpiredOrUnknownKeyIs401() {
        String secret = "s".repeat(43);
        jdbc.update("""
                INSERT INTO api_key (id, secret_hash, name, workspace_id, role, created_by, expires_at)
                VALUES ('expiredkey01', ?, 'old', 'keys-a', 'admin', 'test', ?) ON CONFLICT (id) DO NOTHING""",
                encoder.encode(secret), Timestamp.from(Instant.now().minusSeconds(60)));
        Reply expired = getWith("/w/keys-a/zz-nothing", "gpk_expiredkey01_" + secret);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().path("reason").asString()).contains("expired");
        Reply wrongSecret = getWith("/w/keys-a/zz-nothing", "gpk_expiredkey01_" + "t".repeat(43));
        assertThat(wrongSecret.status()).isEqualTo(401);
        assertThat(getWith("/w/keys-a/zz-nothing", "gpk_nosuchkey000_" + secret).status()).isEqualTo(401);
        assertThat(getWith("/w/keys-a/zz-nothing", "gpk_bad").status()).isEqualTo(401);
        assertThat(getWith("/api/v1/layers", "not-a-token").status()).isEqualTo(401);
    }

    @Test
    void badKeyRequestsAreProblemsNamingTheField() {
        assertThat(send("POST", "/api/v1/workspaces/keys-a/keys", ADMIN, "application/json",
                "{\"name\":\"x\",\"role\":\"boss\"}").json().path("field").asString()).isEqualTo("role");
        Reply past = send("POST", "/api/v1/workspaces/keys-a/keys", ADMIN, "application/json",
                "{\"name\":\"x\",\"role\":\"reader\",\"expiresAt\":\"2001-01-01T00:00:00Z\"}");
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.json().path("field").asString()).isEqualTo("expiresAt");
        assertThat(send("POST", "/api/v1/workspaces/keys-a/keys", ADMIN, "application/json",
                "{\"role\":\"reader\"}").json().path("field").asString()).isEqualTo("name");
        Reply badWs = send("POST", "/api/v1/workspaces/Bad_WS/keys", ADMIN, "application/json",
                "{\"name\":\"x\",\"role\":\"reader\"}");
        assertThat(badWs.status()).isEqualTo(400);
        assertThat(badWs.json().path("field").asString()).isEqualTo("ws");
        Reply unknown = send("POST", "/api/v1/workspaces/no-such-ws/keys", ADMIN, "application/json",
                "{\"name\":\"x\",\"role\":\"reader\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("reason").asString()).contains("no-such-ws");
        assertThat(send("DELETE", "/api/v1/workspaces/keys-a/keys/nosuchkey000", ADMIN, null, null).status())
                .isEqualTo(404);
    }

    @Test
    void aGlobalKeyMadeByTheBootstrapAdminActsEverywhere() {
        String globalAdmin = key(null, "admin");
        assertThat(getWith("/api/v1/keys", globalAdmin).json().toString()).contains(idOf(globalAdmin));
        assertThat(getWith("/w/keys-b/zz-nothing", globalAdmin).status()).isEqualTo(404);
        String made = send("POST", "/api/v1/workspaces/keys-b/keys", globalAdmin, "application/json",
                "{\"name\":\"by a global key\",\"role\":\"reader\"}").json().path("createdBy").asString();
        assertThat(made).isEqualTo("key:" + idOf(globalAdmin));
        assertThat(send("DELETE", "/api/v1/keys/" + idOf(globalAdmin), ADMIN, null, null).status()).isEqualTo(204);
        assertThat(getWith("/api/v1/keys", globalAdmin).status()).isEqualTo(401);
    }
}
