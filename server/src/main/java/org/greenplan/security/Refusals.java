package org.greenplan.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.greenplan.security.Endpoints.Endpoint;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Answers a request that a filter refuses before the DispatcherServlet, exactly as the API answers the same
 * exception from a controller: through Spring MVC's exception resolvers (so the API's problem handler writes
 * the RFC 9457 body) and with the CORS headers the endpoint would have had, so a dashboard on another
 * origin can read the refusal.
 */
@Component
public class Refusals {

    private final HandlerExceptionResolver resolver;

    public Refusals(@Lazy @Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
        this.resolver = resolver;
    }

    /** @param endpoint the endpoint refused, or null where none matches (no CORS headers then) */
    public void refuse(HttpServletRequest request, HttpServletResponse response, Endpoint endpoint, Exception refusal)
            throws ServletException, IOException {
        if (endpoint == null) {
            if (resolver.resolveException(request, response, null, refusal) == null) {
                throw new ServletException(refusal);
            }
            return;
        }
        try {
            for (HandlerInterceptor i : endpoint.chain().getInterceptorList()) {
                if (i instanceof CorsConfigurationSource && !i.preHandle(request, response, endpoint.method())) {
                    return; // a CORS refusal has been written
                }
            }
        } catch (IOException | ServletException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ServletException(e);
        }
        if (resolver.resolveException(request, response, endpoint.method(), refusal) == null) {
            throw new ServletException(refusal);
        }
    }
}
