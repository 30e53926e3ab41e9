package org.greenplan.security;

/** Roles in increasing power: each role may do what the ones before it may. */
public enum Role {
    READER, ANALYST, ADMIN;

    public boolean covers(Role required) {
        return ordinal() >= required.ordinal();
    }
}
