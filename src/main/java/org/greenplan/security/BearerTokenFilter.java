package org.greenplan.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.greenplan.security.Endpoints.Endpoint;
import org.springframework.core.annotation.Order;
import org.greenplan.Refusal;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks the bearer token against the role the endpoint needs ({@link EndpointRoles}) before the
 * DispatcherServlet, which parses multipart bodies: a refused upload is answered 401/403 without a byte of it
 * read (Tomcat then drains at most {@code server.tomcat.max-swallow-size} and closes the connection). The
 * caller of an accepted request is left in the request attribute {@link Caller#REQUEST_ATTRIBUTE}.
 *
 * <p>Responses to requests with a token, and every response when reading is not public, are kept out of
 * shared caches ({@link PrivateCaching}).
 */
@Component
@Order(BearerTokenFilter.ORDER)
public class BearerTokenFilter extends OncePerRequestFilter {

    /** Where Spring Security's filter chain would sit (its default order), which it is meant to give way to. */
    public static final int ORDER = -100;

    private final TokenRegistry tokens;
    private final Endpoints endpoints;
    private final EndpointRoles roles;
    private final Refusals refusals;

    public BearerTokenFilter(TokenRegistry tokens, Endpoints endpoints, EndpointRoles roles, Refusals refusals) {
        this.tokens = tokens;
        this.endpoints = endpoints;
        this.roles = roles;
        this.refusals = refusals;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        String bearer = bearer(header);
        Optional<Caller> caller = tokens.resolve(bearer);
        caller.ifPresent(c -> request.setAttribute(Caller.REQUEST_ATTRIBUTE, c));
        Optional<Endpoint> endpoint = endpoints.find(request);
        HttpServletResponse out = response;
        if (endpoint.isPresent()) {
            out = new PrivateCaching(response, header != null || !roles.publicRead());
            Role required = roles.required(endpoint.get().method());
            AccessDeniedException denied = required == null ? null : check(required, bearer, caller);
            if (denied != null) {
                refusals.refuse(request, out, endpoint.get(), denied);
                return;
            }
        }
        chain.doFilter(request, out);
    }

    private static AccessDeniedException check(Role required, String bearer, Optional<Caller> caller) {
        if (caller.isEmpty()) {
            return new AccessDeniedException(Refusal.Category.UNAUTHENTICATED, bearer == null
                    ? "this endpoint needs a token: send 'Authorization: Bearer <token>'"
                    : "the token is not valid");
        }
        if (!caller.get().globalRole().covers(required)) {
            return new AccessDeniedException(Refusal.Category.FORBIDDEN, "this endpoint needs a "
                    + required.name().toLowerCase() + " token; yours is a " + caller.get().globalRole().name().toLowerCase()
                    + " token");
        }
        return null;
    }

    private static String bearer(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return header.substring(7).trim();
    }
}
