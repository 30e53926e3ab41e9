package org.greenplan.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.greenplan.security.RequiresRole;
import org.greenplan.security.SecurityTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * Issue 14: the audit log has exactly one row per write that passed authorization, with its outcome, and none
 * for a refused request; it is append-only for the server's own database role; its rows outlive their workspace.
 */
class AuditLogTest extends SecurityTestSupport {

    private static final String PARK = """
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"审计公园"},
             "geometry":{"type":"Polygon","coordinates":[[[119.93,30.38],[119.931,30.38],[119.931,30.381],[119.93,30.38]]]}}]}""";

    /** PostgreSQL's insufficient_privilege. */
    private static final String DENIED = "42501";

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @BeforeEach
    void workspaces() {
        workspace("audit-a", "private");
    }

    private int rows() {
        return jdbc.queryForObject("SELECT count(*) FROM audit_event", Integer.class);
    }

    private Map<String, Object> last() {
        return jdbc.queryForMap("SELECT * FROM audit_event ORDER BY id DESC LIMIT 1");
    }

    @Test
    void everyWriteIsOneRowWithItsOutcomeAndARefusedRequestNone() {
        int before = rows();
        Reply made = send("POST", "/api/v1/workspaces/audit-a/keys", ADMIN, "application/json",
                "{\"name\":\"audited\",\"role\":\"admin\"}");
        assertThat(made.status()).isEqualTo(201);
        String requestId = made.headers().firstValue("X-Request-Id").orElseThrow();
        String keyId = made.json().path("id").asString();
        String key = made.json().path("token").asString();
        assertThat(rows()).isEqualTo(before + 1);
        Map<String, Object> row = last();
        assertThat(row.get("action")).isEqualTo("key.create");
        assertThat(row.get("workspace_id")).isEqualTo("audit-a");
        assertThat(row.get("target")).isEqualTo(keyId);
        assertThat(row.get("outcome")).isEqualTo("success");
        assertThat(row.get("status")).isEqualTo(201);
        assertThat(row.get("request_id")).isEqualTo(requestId);
        assertThat((String) row.get("who")).matches("[0-9a-f]{8}"); // the bootstrap token's fingerprint

        // refused before the handler: 401 (no token, a bad token), 403 (a role too low), 413 (body over the limit)
        assertThat(send("POST", "/api/v1/workspaces/audit-a/keys", null, "application/json", "{}").status()).isEqualTo(401);
        assertThat(send("POST", "/api/v1/workspaces/audit-a/keys", "gpk_nosuchkey000_" + "x".repeat(43),
                "application/json", "{}").status()).isEqualTo(401);
        assertThat(send("DELETE", "/api/v1/layers/demo-park", key, null, null).status()).isEqualTo(403);
        assertThat(send("POST", "/api/v1/workspaces/audit-a/keys", key, "application/json",
                "{\"name\":\"" + "x".repeat((1 << 20) + 10) + "\",\"role\":\"reader\"}").status()).isEqualTo(413);
        // reads are not writes
        assertThat(getWith("/api/v1/workspaces/audit-a/keys", key).status()).isEqualTo(200);
        assertThat(rows()).isEqualTo(before + 1);

        // a write that fails in its handler is one row, outcome failure; the caller's request id is kept
        assertThat(send("DELETE", "/api/v1/workspaces/audit-a/keys/nosuchkey000", key, null, null).status()).isEqualTo(404);
        assertThat(rows()).isEqualTo(before + 2);
        assertThat(last().get("outcome")).isEqualTo("failure");
        assertThat(last().get("status")).isEqualTo(404);
        assertThat(last().get("who")).isEqualTo("key:" + idOf(key));
        assertThat(last().get("action")).isEqualTo("key.revoke");

        assertThat(send("DELETE", "/api/v1/workspaces/audit-a/keys/" + keyId, ADMIN, null, null).status()).isEqualTo(204);
        assertThat(rows()).isEqualTo(before + 3);
        assertThat(last().get("target")).isEqualTo(keyId);
        assertThat(last().get("outcome")).isEqualTo("success");
    }

    @Test
    void theUnscopedLayerWritesAreAuditedInTheDefaultWorkspace() {
        int before = rows();
        try {
            assertThat(send("POST", "/api/v1/layers?name=a&kind=park&id=t-audit-park", ANALYST, "application/geo+json",
                    PARK).status()).isEqualTo(201);
            assertThat(rows()).isEqualTo(before + 1);
            assertThat(last().get("action")).isEqualTo("layer.create");
            assertThat(last().get("workspace_id")).isEqualTo("demo");
            assertThat(last().get("target")).isEqualTo("t-audit-park");
        } finally {
            assertThat(send("DELETE", "/api/v1/layers/t-audit-park", ADMIN, null, null).status()).isEqualTo(204);
        }
        assertThat(rows()).isEqualTo(before + 2);
        assertThat(last().get("action")).isEqualTo("layer.delete");
        assertThat(last().get("target")).isEqualTo("t-audit-park");
    }

    @Test
    void theAuditLogIsReadByAdminsAsJsonAndCsv() {
        send("POST", "/api/v1/workspaces/audit-a/keys", ADMIN, "application/json", "{\"name\":\"=HYPERLINK(1)\",\"role\":\"reader\"}");
        Reply json = getWith("/api/v1/workspaces/audit-a/audit?limit=5", ADMIN);
        assertThat(json.status()).isEqualTo(200);
        JsonNode first = json.json().path("events").get(0);
        assertThat(first.path("action").asString()).isEqualTo("key.create");
        assertThat(first.path("workspace").asString()).isEqualTo("audit-a");
        assertThat(first.path("requestId").asString()).isNotBlank();
        assertThat(json.json().path("events").size()).isBetween(1, 5);

        Reply csv = getWith("/api/v1/workspaces/audit-a/audit?f=csv", ADMIN);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).isEqualTo("when,who,workspace,action,target,outcome,status,requestId");
        assertThat(lines[1]).contains(",audit-a,key.create,").contains(",success,201,");
        assertThat(get("/api/v1/workspaces/audit-a/audit", "Authorization", "Bearer " + ADMIN, "Accept", "text/csv")
                .contentType()).startsWith("text/csv");

        String reader = key("audit-a", "reader");
        Reply refused = getWith("/api/v1/workspaces/audit-a/audit", reader);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("role").asString()).isEqualTo("admin");
        assertThat(getWith("/api/v1/workspaces/Bad_WS/audit", ADMIN).status()).isEqualTo(400);
        assertThat(getWith("/api/v1/workspaces/no-such-ws/audit", ADMIN).status()).isEqualTo(404);
    }

    @Test
    void theRuntimeRoleCanAppendAndReadButNeitherChangeNorRemoveARow() throws Exception {
        send("POST", "/api/v1/workspaces/audit-a/keys", ADMIN, "application/json", "{\"name\":\"x\",\"role\":\"reader\"}");
        long id = ((Number) last().get("id")).longValue();
        try (Connection c = jdbc.getDataSource().getConnection()) {
            for (String sql : List.of("UPDATE audit_event SET outcome = 'success' WHERE id = " + id,
                    "DELETE FROM audit_event WHERE id = " + id, "TRUNCATE audit_event")) {
                assertDenied(c, sql);
            }
        }
        // the owner too: the table's triggers refuse it to every role
        try (Connection c = ownerJdbc().getDataSource().getConnection()) {
            assertDenied(c, "DELETE FROM audit_event WHERE id = " + id);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE id = ?", Integer.class, id)).isEqualTo(1);
    }

    @Test
    void rowsOutliveTheirWorkspace() {
        workspace("audit-gone", "private");
        send("POST", "/api/v1/workspaces/audit-gone/keys", ADMIN, "application/json", "{\"name\":\"x\",\"role\":\"reader\"}");
        jdbc.update("DELETE FROM workspace WHERE id = 'audit-gone'");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM api_key WHERE workspace_id = 'audit-gone'", Integer.class))
                .isZero();
        Reply after = getWith("/api/v1/workspaces/audit-gone/audit", ADMIN);
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.json().path("events").get(0).path("action").asString()).isEqualTo("key.create");
    }

    @Test
    void everyWriteEndpointHasAnActionName() {
        mappings.getHandlerMethods().forEach((info, method) -> {
            if (!method.hasMethodAnnotation(RequiresRole.class)) {
                return;
            }
            for (String path : info.getPatternValues()) {
                info.getMethodsCondition().getMethods().stream().filter(m -> !m.name().equals("GET"))
                        .forEach(m -> assertThat(AuditActions.named(m.name(), path))
                                .as("audit action of %s %s (AuditActions)", m, path).isTrue());
            }
        });
        assertThat(AuditActions.of("POST", "/api/v1/workspaces/{ws}/imports")).isEqualTo("import");
        assertThat(AuditActions.of("DELETE", "/api/v1/workspaces/{ws}/layers/{layerId}")).isEqualTo("layer.delete");
        assertThat(AuditActions.of("POST", "/api/v1/workspaces")).isEqualTo("workspace.create");
        assertThat(AuditActions.of("DELETE", "/api/v1/workspaces/{ws}")).isEqualTo("workspace.delete");
        assertThat(AuditActions.of("POST", "/w/{ws}/collections/{layerId}/items")).isEqualTo("post /collections/{}/items");
    }

    private static void assertDenied(Connection c, String sql) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute(sql);
            fail("not refused: " + sql);
        } catch (SQLException e) {
            assertThat(e.getSQLState()).as(sql + ": " + e.getMessage()).isEqualTo(DENIED);
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }
}
