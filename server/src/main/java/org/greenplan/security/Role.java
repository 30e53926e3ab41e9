package org.greenplan.security;

/**
 * Roles in increasing power: each role may do what the ones before it may. A reader reads (a private workspace);
 * an analyst also uploads and exports; an editor also edits plan scenarios; an admin also manages the workspace,
 * its keys and its audit log.
 */
public enum Role {
    READER, ANALYST, EDITOR, ADMIN;

    public boolean covers(Role required) {
        return ordinal() >= required.ordinal();
    }
}
