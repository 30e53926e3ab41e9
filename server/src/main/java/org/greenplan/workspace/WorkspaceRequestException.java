package org.greenplan.workspace;

import org.greenplan.FieldException;

/** A workspace create or change that cannot be done as asked: bad input (400) or a taken id (409). */
public class WorkspaceRequestException extends FieldException {

    WorkspaceRequestException(Category category, String field, String reason) {
        super(category, field, reason);
    }

    static WorkspaceRequestException invalid(String field, String reason) {
        return new WorkspaceRequestException(Category.INVALID, field, reason);
    }

    public static WorkspaceRequestException taken(String id) {
        return new WorkspaceRequestException(Category.CONFLICT, "id", "a workspace with id '" + id + "' already exists");
    }
}
