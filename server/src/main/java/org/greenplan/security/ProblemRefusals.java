package org.greenplan.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.greenplan.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/**
 * Spring Security's 401 and 403 as the API's RFC 9457 problems ({@link Refusals}): {@code field} Authorization,
 * the reason, and, for a role refusal, members {@code role} and {@code workspace} (null for a global role).
 * Each refusal is logged (the audit log records only requests that passed).
 */
@Component
class ProblemRefusals implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemRefusals.class);

    private final Endpoints endpoints;
    private final Refusals refusals;

    ProblemRefusals(Endpoints endpoints, Refusals refusals) {
        this.endpoints = endpoints;
        this.refusals = refusals;
    }

    /** 401: no token where one is needed, or a token that does not authenticate. */
    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException, ServletException {
        AccessRules.Denial denial = denial(e);
        refuse(request, response, Refusal.Category.UNAUTHENTICATED, denial,
                denial != null ? denial.reason() : e.getMessage());
    }

    /** 403: an authenticated caller without the role. */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException, ServletException {
        AccessRules.Denial denial = denial(e);
        refuse(request, response, Refusal.Category.FORBIDDEN, denial,
                denial != null ? denial.reason() : "not allowed");
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, Refusal.Category category,
            AccessRules.Denial denial, String reason) throws IOException, ServletException {
        Map<String, Object> details = new LinkedHashMap<>();
        if (denial != null) {
            details.put("role", AccessRules.word(denial.role()));
            details.put("workspace", denial.scope().workspace());
        }
        log.info("refused {} {} {}: {}", category.status(), request.getMethod(), request.getRequestURI(), reason);
        refusals.refuse(request, response, endpoints.find(request).orElse(null),
                new org.greenplan.security.AccessDeniedException(category, reason, details));
    }

    private static AccessRules.Denial denial(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AuthorizationDeniedException d && d.getAuthorizationResult() instanceof AccessRules.Denial denial) {
                return denial;
            }
        }
        return null;
    }
}
