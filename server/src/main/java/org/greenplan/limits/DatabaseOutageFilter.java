package org.greenplan.limits;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A database outage met before a controller runs (the token check reads API keys, the scope check a workspace's
 * visibility) is a 503 problem with Retry-After too, like one met in a controller (ProblemAdvice), instead of the
 * container's 500 error page.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
public class DatabaseOutageFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutageFilter.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException e) {
            if (!DatabaseOutage.is(e) || response.isCommitted()) {
                throw e;
            }
            log.warn("Database unavailable on {} {}: {}", request.getMethod(), request.getRequestURI(), e.toString());
            int wait = DatabaseOutage.RETRY_AFTER_SECONDS;
            response.resetBuffer();
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader("Retry-After", Integer.toString(wait));
            response.setContentType("application/problem+json");
            String reason = DatabaseOutage.REASON;
            response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"" + DatabaseOutage.TITLE
                    + "\",\"status\":503,\"detail\":\"" + reason + "\",\"reason\":\"" + reason + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
        }
    }
}
