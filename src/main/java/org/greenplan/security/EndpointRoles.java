package org.greenplan.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;

/**
 * The role an endpoint needs: the {@link RequiresRole} of its controller method; with
 * {@code greenplan.auth.public-read=false} every API endpoint needs at least a reader. {@link AccessRules} applies
 * it in the request's workspace.
 */
@Component
public class EndpointRoles {

    private final Endpoints endpoints;
    private final boolean publicRead;

    public EndpointRoles(Endpoints endpoints, AuthProperties settings) {
        this.endpoints = endpoints;
        this.publicRead = settings.publicRead();
    }

    /** The role needed; empty when anyone may call (or when no endpoint matches: that is a 404/405 anyway). */
    public Optional<Role> required(HttpServletRequest request) {
        return endpoints.find(request).map(e -> required(e.method()));
    }

    /** The role a controller method needs, or null when anyone may call it. */
    public Role required(HandlerMethod method) {
        RequiresRole annotation = method.getMethodAnnotation(RequiresRole.class);
        return annotation != null ? annotation.value() : publicRead ? null : Role.READER;
    }

    public boolean publicRead() {
        return publicRead;
    }
}
