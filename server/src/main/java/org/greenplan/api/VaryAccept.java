package org.greenplan.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import org.greenplan.security.SecurityConfig;
import org.greenplan.security.Endpoints;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.method.HandlerMethod;

/**
 * {@code Vary: Accept} on the responses whose content depends on the Accept header, so that a cache never
 * serves one client the form another asked for (the map page for a JSON client, CSV for a dashboard): those of
 * a controller method that reads the header itself (the landing page, an indicator) or that declares the media
 * types it produces (the OGC documents, the API definition: another Accept gets another type, or a 406).
 */
@Component
@Order(SecurityConfig.FILTER_ORDER + 1)
public class VaryAccept extends OncePerRequestFilter {

    private final Endpoints endpoints;

    public VaryAccept(Endpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        endpoints.find(request).filter(e -> dependsOnAccept(e.method()))
                .ifPresent(e -> response.addHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT));
        chain.doFilter(request, response);
    }

    static boolean dependsOnAccept(HandlerMethod method) {
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), RequestMapping.class);
        if (mapping != null && mapping.produces().length > 0) {
            return true;
        }
        return Arrays.stream(method.getMethodParameters())
                .map(p -> p.getParameterAnnotation(RequestHeader.class))
                .anyMatch(h -> h != null && (HttpHeaders.ACCEPT.equalsIgnoreCase(h.value())
                        || HttpHeaders.ACCEPT.equalsIgnoreCase(h.name())));
    }
}
