package org.greenplan.security;

import org.springframework.stereotype.Component;

/**
 * Whether reading is public ({@code greenplan.auth.public-read}, default true): false makes every API endpoint need
 * at least a reader, in public workspaces too. The roles of endpoints themselves are their {@link RequiresRole};
 * {@link AccessRules} applies both in the request's workspace.
 */
@Component
public class EndpointRoles {

    private final boolean publicRead;

    public EndpointRoles(AuthProperties settings) {
        this.publicRead = settings.publicRead();
    }

    public boolean publicRead() {
        return publicRead;
    }
}
