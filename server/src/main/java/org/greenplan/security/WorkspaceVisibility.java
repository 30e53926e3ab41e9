package org.greenplan.security;

import org.greenplan.workspace.Workspace;
import org.greenplan.workspace.WorkspaceCache;
import org.springframework.stereotype.Component;

/**
 * Whether a workspace is private, asked on every request in a workspace: read from {@link WorkspaceCache}, so a tile
 * or a page of features costs no query. A workspace made private through this server is refused to strangers from the
 * next request on, through another server on the same database within a second. An unknown workspace is not private:
 * its endpoint answers 404.
 */
@Component
class WorkspaceVisibility {

    private final WorkspaceCache workspaces;

    WorkspaceVisibility(WorkspaceCache workspaces) {
        this.workspaces = workspaces;
    }

    boolean isPrivate(String workspaceId) {
        // malformed: the endpoint answers 400, and no such workspace exists
        return workspaces.find(workspaceId).map(w -> !w.isPublic()).orElse(false);
    }
}
