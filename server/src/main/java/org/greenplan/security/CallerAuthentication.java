package org.greenplan.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * An authenticated bearer token as Spring Security holds it: the {@link Caller} it stands for. Roles are per
 * workspace, so they are not Spring authorities; {@link AccessRules} reads them from the caller.
 */
final class CallerAuthentication extends AbstractAuthenticationToken {

    private final Caller caller;

    CallerAuthentication(Caller caller) {
        super(List.of());
        this.caller = caller;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return ""; // the token is not kept
    }

    @Override
    public Caller getPrincipal() {
        return caller;
    }

    @Override
    public String getName() {
        return caller.subject();
    }
}
