package org.greenplan.api;

import org.greenplan.workspace.Workspace;

/**
 * The workspace a request works in: the {@code ws} variable of its path ({@code /api/v1/workspaces/{ws}/…},
 * {@code /w/{ws}/…}), or the default workspace on the unscoped paths kept for existing dashboards ({@code legacy}).
 * A handler takes it as a parameter ({@link WorkspaceScopeResolver}); links it writes stay on the same scheme
 * as the request.
 */
public record WorkspaceScope(Workspace workspace, boolean legacy) {

    /** The name of the path variable, on every workspace path. */
    public static final String VARIABLE = "ws";

    public String id() {
        return workspace.id();
    }

    /** Where this workspace's OGC API – Features lives: {@code /w/{ws}}, or the root on the legacy paths. */
    String ogc() {
        return Links.base() + (legacy ? "" : "/w/" + id());
    }

    /** Where this workspace's JSON API lives: {@code /api/v1/workspaces/{ws}}, or {@code /api/v1} on the legacy paths. */
    String api() {
        return Links.base() + (legacy ? "/api/v1" : "/api/v1/workspaces/" + id());
    }
}
