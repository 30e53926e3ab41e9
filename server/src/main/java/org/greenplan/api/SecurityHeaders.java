package org.greenplan.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The browser's protections on every response, set before anything else runs so that refusals, problems
 * and static files carry them too. Layer names and attributes come from uploads: should one ever reach the
 * DOM as markup, the Content-Security-Policy still refuses to run it (no inline script, no eval, scripts
 * from this server only).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class SecurityHeaders extends OncePerRequestFilter {

    /** The basemaps the page draws (basemap.js, report.js): OpenStreetMap and 天地图's subdomains t0–t7. */
    static final String TILE_HOSTS = "https://tile.openstreetmap.org " + IntStream.range(0, 8)
            .mapToObj(i -> "https://t" + i + ".tianditu.gov.cn").collect(Collectors.joining(" "));

    static final String POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            // 'unsafe-inline' for styles only: Leaflet positions map panes, tiles and popups with style
            // attributes, and ECharts' tooltip is HTML with inline styles. Styles cannot run script.
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob: " + TILE_HOSTS,
            "connect-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        // frame-ancestors for current browsers, this for old ones
        response.setHeader("X-Frame-Options", "DENY");
        // Not no-referrer: 天地图 checks a browser key's Referer against the domains it was issued for, and
        // OpenStreetMap's tile policy asks for one. Other sites get the origin only, never the page's path
        // or query; the key itself travels in the tile URL, not in a Referer.
        response.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
        chain.doFilter(request, response);
    }
}
