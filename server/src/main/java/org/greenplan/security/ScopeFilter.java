package org.greenplan.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.greenplan.security.Endpoints.Endpoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * First in the security chain: finds the request's endpoint and workspace ({@link RequestScope}, kept in the
 * request for the rules and the audit log), and keeps the answer out of shared caches ({@link PrivateCaching})
 * when it was asked with a token, when reading is not public, or when the workspace is private. Wraps the
 * response before any refusal is written, so refusals are private too. Not a bean: a bean filter would also be
 * registered with the servlet container and run twice.
 */
final class ScopeFilter extends OncePerRequestFilter {

    private final Endpoints endpoints;
    private final EndpointRoles roles;
    private final WorkspaceVisibility visibility;

    ScopeFilter(Endpoints endpoints, EndpointRoles roles, WorkspaceVisibility visibility) {
        this.endpoints = endpoints;
        this.roles = roles;
        this.visibility = visibility;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Endpoint> endpoint = endpoints.find(request);
        RequestScope scope = RequestScope.resolve(request, endpoint);
        request.setAttribute(RequestScope.ATTRIBUTE, scope);
        HttpServletResponse out = response;
        if (endpoint.isPresent() || scope.workspace() != null) {
            boolean privately = request.getHeader("Authorization") != null || !roles.publicRead()
                    || visibility.isPrivate(scope.workspace());
            out = new PrivateCaching(response, privately);
        }
        chain.doFilter(request, out);
    }
}
