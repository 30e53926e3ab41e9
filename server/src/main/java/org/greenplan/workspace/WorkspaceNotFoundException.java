package org.greenplan.workspace;

import org.greenplan.FieldException;

/** A request named a workspace that does not exist (404 naming it, field {@code ws}). */
public class WorkspaceNotFoundException extends FieldException {
    public WorkspaceNotFoundException(String id) {
        super(Category.NOT_FOUND, "ws", "no workspace '" + id + "'; GET /api/v1/workspaces lists them");
    }
}
