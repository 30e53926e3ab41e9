package org.greenplan.security;

import org.greenplan.ServerTestSupport;

/** Server tests of keys, roles and the audit log: workspaces made directly in the table, keys made through the API. */
public abstract class SecurityTestSupport extends ServerTestSupport {

    /** A workspace made (or made again with this visibility) directly in the table. */
    protected void workspace(String id, String visibility) {
        jdbc.update("""
                INSERT INTO workspace (id, name, visibility) VALUES (?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET visibility = EXCLUDED.visibility""", id, "test " + id, visibility);
    }

    /** A new API key of this role in this workspace (null: a global key), made by the bootstrap admin token. */
    protected String key(String workspace, String role) {
        String path = workspace == null ? "/api/v1/keys" : "/api/v1/workspaces/" + workspace + "/keys";
        Reply r = send("POST", path, ADMIN, "application/json",
                "{\"name\":\"test " + role + "\",\"role\":\"" + role + "\"}");
        if (r.status() != 201) {
            throw new IllegalStateException("making a key: " + r.status() + " " + r.body());
        }
        return r.json().path("token").asString();
    }

    /** The id part of a key's token (gpk_<id>_<secret>). */
    protected static String idOf(String token) {
        return token.substring(4, 16);
    }

    protected Reply getWith(String path, String token) {
        return token == null ? get(path) : get(path, "Authorization", "Bearer " + token);
    }
}
