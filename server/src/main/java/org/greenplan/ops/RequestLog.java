package org.greenplan.ops;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.greenplan.audit.RequestIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One structured line per request on the logger {@code greenplan.requests}, as {@code key=value} pairs a log
 * shipper parses without a pattern: {@code request id=… method=GET path=/w/demo/… status=200 ms=12.4 bytes=… }.
 * The id is the request's {@link RequestIds id} (also in the response's {@code X-Request-Id} and the audit log),
 * so a slow or failed answer a user reports is found by it. An answer computed off the request thread
 * (indicators, isochrones) is logged when it completes, with its real status and time; the query string is left
 * out (it may hold a token-like value; the path names the resource).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
public class RequestLog extends OncePerRequestFilter {

    static final Logger LOG = LoggerFactory.getLogger("greenplan.requests");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long t0 = System.nanoTime();
        boolean logged = false;
        try {
            chain.doFilter(request, response);
            if (request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new AsyncListener() {
                    @Override
                    public void onComplete(AsyncEvent event) {
                        log(request, response, t0, null);
                    }

                    @Override
                    public void onTimeout(AsyncEvent event) {
                    }

                    @Override
                    public void onError(AsyncEvent event) {
                    }

                    @Override
                    public void onStartAsync(AsyncEvent event) {
                    }
                });
                logged = true;
            }
        } catch (IOException | ServletException | RuntimeException e) {
            log(request, response, t0, e);
            logged = true;
            throw e;
        } finally {
            if (!logged) {
                log(request, response, t0, null);
            }
        }
    }

    private static void log(HttpServletRequest request, HttpServletResponse response, long t0, Exception failed) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        LOG.info("request id={} method={} path={} status={} ms={} {}", RequestIds.of(request), request.getMethod(),
                quoted(request.getRequestURI()), failed == null ? response.getStatus() : 500,
                String.format(java.util.Locale.ROOT, "%.1f", ms), failed == null ? ""
                        : "error=" + quoted(failed.getClass().getSimpleName()));
    }

    /** A value with spaces or quotes is quoted, so the line stays one set of pairs. */
    static String quoted(String v) {
        if (v == null) {
            return "\"\"";
        }
        return v.matches("[^\\s\"=]+") ? v : "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return true;
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return true;
    }
}
