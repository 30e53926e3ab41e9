package org.greenplan.audit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.greenplan.security.Caller;
import org.greenplan.security.RequestScope;
import org.greenplan.security.RequiresRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Writes the audit row of a write request when its response is complete: every endpoint with
 * {@link RequiresRole} whose method is not a read. An interceptor runs only for requests the DispatcherServlet
 * hands to a controller, so what the security chain (401/403) or the body limit (413) refused before the
 * handler is not a row. The row carries the final status: a write that failed in the handler (404, 409, 422,
 * 500) is one row with outcome failure.
 *
 * <p>Who: the caller's subject ({@code key:<id>}, {@code jwt:<sub>}, or a configured token's fingerprint).
 * Workspace: the request's ({@link RequestScope}; for {@code workspace.create} the one created). Target: the
 * last path variable other than the workspace, else the last segment of the Location answered (what a POST
 * created).
 */
@Component
class AuditTrail implements HandlerInterceptor, WebMvcConfigurer {

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final AuditEventRepository events;

    AuditTrail(AuditEventRepository events) {
        this.events = events;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception ex) {
        if (!(handler instanceof HandlerMethod method) || READS.contains(request.getMethod())
                || !method.hasMethodAnnotation(RequiresRole.class)) {
            return;
        }
        Optional<Caller> caller = Caller.of(request);
        String pattern = String.valueOf(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE));
        String action = AuditActions.of(request.getMethod(), pattern);
        String target = target(request, response);
        String workspace = "workspace.create".equals(action) ? target : RequestScope.of(request).workspace();
        int status = ex != null && response.getStatus() < 400 ? 500 : response.getStatus();
        try {
            events.save(new AuditEvent(Instant.now(), caller.map(Caller::subject).orElse("anonymous"), workspace,
                    action, target, request.getMethod(), request.getRequestURI(), status, RequestIds.of(request)));
        } catch (RuntimeException e) {
            // the response is out already; the failure must not pass unseen
            log.error("AUDIT ROW LOST: {} {} by {} ({} {}), status {}, request {}", action, target,
                    caller.map(Caller::subject).orElse("anonymous"), request.getMethod(), request.getRequestURI(),
                    status, RequestIds.of(request), e);
        }
    }

    private static String target(HttpServletRequest request, HttpServletResponse response) {
        String target = null;
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> vars) {
            for (Map.Entry<?, ?> v : vars.entrySet()) {
                if (!"ws".equals(v.getKey())) {
                    target = String.valueOf(v.getValue());
                }
            }
        }
        String location = response.getHeader("Location");
        if (target == null && location != null) {
            String path = location.replaceFirst("[?#].*$", "").replaceFirst("/+$", "");
            target = path.substring(path.lastIndexOf('/') + 1);
        }
        if (target == null && request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> vars
                && vars.get("ws") != null) {
            target = String.valueOf(vars.get("ws"));
        }
        return target;
    }
}
