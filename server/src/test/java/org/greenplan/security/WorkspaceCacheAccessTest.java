package org.greenplan.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The workspaces every request reads come from a cache (workspace/WorkspaceCache), and the API keys a request presents
 * from theirs (ApiKeys): a write through the server must still be obeyed from the very next request, with both caches
 * warm. Each test reads a tile (or the map settings) twice first, so the workspace and the key are remembered, then
 * writes, then asks again at once — well inside the caches' 1 s and 4 s.
 */
class WorkspaceCacheAccessTest extends SecurityTestSupport {

    private static final String WS = "cache-acl";
    private static final String TILE = "/api/v1/workspaces/" + WS + "/tiles/park/14/13376/7139.mvt";
    private static final String MAP = "/api/v1/workspaces/" + WS + "/map/config";

    @AfterEach
    void deleteWorkspace() {
        send("DELETE", "/api/v1/workspaces/" + WS, ADMIN, null, null);
    }

    private void create(String visibility) {
        Reply r = send("POST", "/api/v1/workspaces", ADMIN, "application/json",
                "{\"id\":\"" + WS + "\",\"name\":\"缓存\",\"visibility\":\"" + visibility + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        // one park square near 113.9°E 22.5°N, inside tile 14/13376/7139
        Reply layer = send("POST", "/api/v1/workspaces/" + WS + "/layers?name=公园&kind=park&id=park", ADMIN,
                "application/geo+json", """
                        {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"p"},
                         "geometry":{"type":"Polygon","coordinates":[[[113.915,22.530],[113.918,22.530],
                         [113.918,22.533],[113.915,22.533],[113.915,22.530]]]}}]}""");
        assertThat(layer.status()).as(layer.body()).isEqualTo(201);
    }

    private void setVisibility(String visibility) {
        Reply r = send("PATCH", "/api/v1/workspaces/" + WS, ADMIN, "application/json",
                "{\"visibility\":\"" + visibility + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private int tile(String token) {
        return getWith(TILE, token).status();
    }

    @Test
    void aWorkspaceMadePrivateIsRefusedToStrangersFromTheNextRequest() {
        create("public");
        assertThat(tile(null)).isEqualTo(200);
        assertThat(tile(null)).isEqualTo(200);
        String reader = key(WS, "reader");
        setVisibility("private");
        assertThat(tile(null)).isEqualTo(401);
        assertThat(tile(reader)).isEqualTo(200);
        setVisibility("public");
        assertThat(tile(null)).isEqualTo(200);
    }

    @Test
    void aRevokedKeyLosesItsWorkspaceFromTheNextRequest() {
        create("private");
        String reader = key(WS, "reader");
        assertThat(tile(reader)).isEqualTo(200);
        assertThat(tile(reader)).isEqualTo(200);
        Reply revoked = send("DELETE", "/api/v1/workspaces/" + WS + "/keys/" + idOf(reader), ADMIN, null, null);
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(204);
        assertThat(tile(reader)).isEqualTo(401);
        assertThat(getWith(MAP, reader).status()).isEqualTo(401);
    }

    /** Keys go with their workspace: one of the old workspace holds no role in a new one of the same id. */
    @Test
    void aKeyOfADeletedWorkspaceHoldsNothingInTheNextWorkspaceOfTheSameId() {
        create("private");
        String reader = key(WS, "reader");
        assertThat(tile(reader)).isEqualTo(200);
        assertThat(getWith(MAP, reader).status()).isEqualTo(200);
        assertThat(send("DELETE", "/api/v1/workspaces/" + WS, ADMIN, null, null).status()).isEqualTo(204);
        assertThat(getWith(MAP, null).status()).isEqualTo(404);
        create("private");
        assertThat(tile(reader)).isEqualTo(401);
        assertThat(getWith(MAP, reader).status()).isEqualTo(401);
        assertThat(tile(null)).isEqualTo(401);
    }

    @Test
    void aChangedOrDeletedWorkspaceIsShownAsItIsNowFromTheNextRequest() {
        create("public");
        assertThat(getWith(MAP, null).json().path("workspaceName").asString()).isEqualTo("缓存");
        Reply renamed = send("PATCH", "/api/v1/workspaces/" + WS, ADMIN, "application/json", "{\"name\":\"改名\"}");
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(getWith(MAP, null).json().path("workspaceName").asString()).isEqualTo("改名");
        assertThat(send("DELETE", "/api/v1/workspaces/" + WS, ADMIN, null, null).status()).isEqualTo(204);
        assertThat(getWith(MAP, null).status()).isEqualTo(404);
        assertThat(tile(null)).isEqualTo(404);
    }
}
