package org.greenplan.api;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Absolute links for API documents: under the configured public URL when there is one
 * ({@link ProxySettings}), else from the request (its scheme, host and port, or those a trusted proxy forwarded,
 * see {@link ProxySettings}).
 */
final class Links {

    /** The request attribute holding the configured public base URL. */
    static final String PUBLIC_BASE = Links.class.getName() + ".publicBase";

    static final String JSON = "application/json";
    static final String GEOJSON = "application/geo+json";
    static final String HTML = "text/html";
    static final String OPENAPI = "application/vnd.oai.openapi+json;version=3.0";

    private Links() {
    }

    static String base() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null && request.getAttribute(PUBLIC_BASE, RequestAttributes.SCOPE_REQUEST) instanceof String b) {
            return b;
        }
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }

    static Link link(String href, String rel, String type, String title) {
        return new Link(href, rel, type, title);
    }
}
