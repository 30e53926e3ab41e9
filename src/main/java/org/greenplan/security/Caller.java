package org.greenplan.security;

/**
 * Who made a request: the role of their token and a short, non-secret fingerprint of it, recorded as the
 * author of layer versions.
 */
public record Caller(Role role, String fingerprint) {

    public static final String REQUEST_ATTRIBUTE = Caller.class.getName();

    public String describe() {
        return role.name().toLowerCase() + ":" + fingerprint;
    }
}
