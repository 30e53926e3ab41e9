package org.greenplan.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.greenplan.security.Endpoints.Endpoint;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.stereotype.Component;

/**
 * Who may make a request, in one place (controllers check no roles):
 * <ul>
 * <li>an endpoint with {@link RequiresRole}{@code (X)} needs role X in the request's workspace
 * ({@link RequestScope}), or a global role X on the global paths;</li>
 * <li>any other request in a private workspace needs at least {@link Role#READER} in it (401 without a token,
 * 403 with one), also where no endpoint exists: the refusal comes before the 404, so a stranger learns nothing
 * of what a private workspace holds; a public workspace is read by anyone; an unknown one is left to its
 * endpoint (404);</li>
 * <li>with {@code greenplan.auth.public-read=false}, every endpoint needs a reader.</li>
 * </ul>
 * A refusal is a {@link Denial} naming the role and the workspace; {@link ProblemRefusals} answers it.
 */
@Component
class AccessRules implements AuthorizationManager<RequestAuthorizationContext> {

    /** A refusal with what was needed, where, and what the caller holds there. */
    static final class Denial extends AuthorizationDecision {
        private final Role role;
        private final RequestScope scope;
        private final String reason;

        Denial(Role role, RequestScope scope, String reason) {
            super(false);
            this.role = role;
            this.scope = scope;
            this.reason = reason;
        }

        Role role() {
            return role;
        }

        RequestScope scope() {
            return scope;
        }

        String reason() {
            return reason;
        }
    }

    private static final AuthorizationDecision GRANTED = new AuthorizationDecision(true);

    private final Endpoints endpoints;
    private final EndpointRoles roles;
    private final WorkspaceVisibility visibility;

    AccessRules(Endpoints endpoints, EndpointRoles roles, WorkspaceVisibility visibility) {
        this.endpoints = endpoints;
        this.roles = roles;
        this.visibility = visibility;
    }

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
            RequestAuthorizationContext context) {
        HttpServletRequest request = context.getRequest();
        Optional<Endpoint> endpoint = endpoints.find(request);
        RequestScope scope = RequestScope.of(request);
        Optional<Caller> caller = Caller.of(request);
        if (request.getRequestURI().startsWith(request.getContextPath() + "/actuator")) {
            return operations(request, caller);
        }
        RequiresRole annotated = endpoint.map(e -> e.method().getMethodAnnotation(RequiresRole.class)).orElse(null);
        if (annotated != null) {
            return check(annotated.value(), scope, caller);
        }
        if (scope.workspace() != null && (!roles.publicRead() || visibility.isPrivate(scope.workspace()))) {
            return check(Role.READER, scope, caller);
        }
        if (scope.global() && endpoint.isPresent() && !roles.publicRead() && caller.isEmpty()) {
            // reading is not public: the list of workspaces needs a caller, whose list shows where it may read
            return new Denial(Role.READER, scope, "reading needs a token: send 'Authorization: Bearer <key>'");
        }
        return GRANTED;
    }

    /**
     * Health and metrics ({@code /actuator/**}): a monitor on the server's own machine reads them without a token;
     * from anywhere else they need the admin role (they name tables, versions and load). A request that came
     * through a proxy (Forwarded / X-Forwarded-For) is not local, whatever address the proxy has.
     */
    private static AuthorizationDecision operations(HttpServletRequest request, Optional<Caller> caller) {
        boolean proxied = request.getHeader("Forwarded") != null || request.getHeader("X-Forwarded-For") != null;
        if (!proxied && loopback(request.getRemoteAddr())) {
            return GRANTED;
        }
        return check(Role.ADMIN, RequestScope.GLOBAL, caller);
    }

    private static boolean loopback(String address) {
        // the container's remote address is always a literal: no name is looked up here
        if (address == null || !address.matches("[0-9a-fA-F:.%]+")) {
            return false;
        }
        try {
            return java.net.InetAddress.getByName(address).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static AuthorizationDecision check(Role required, RequestScope scope, Optional<Caller> caller) {
        String needs = "needs the " + word(required) + " role in " + scope.describe();
        if (caller.isEmpty()) {
            return new Denial(required, scope, "this request " + needs + ": send 'Authorization: Bearer <key>'");
        }
        Caller c = caller.get();
        Optional<Role> held = scope.global() ? Optional.ofNullable(c.globalRole()) : c.roleIn(scope.workspace());
        if (held.isPresent() && held.get().covers(required)) {
            return GRANTED;
        }
        return new Denial(required, scope, "this request " + needs + "; " + c.subject() + " holds "
                + held.map(r -> "the " + word(r) + " role").orElse("no role") + " there");
    }

    static String word(Role role) {
        return role.name().toLowerCase(Locale.ROOT);
    }
}
