package org.greenplan.api;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Absolute links for API documents, built from the request so they work behind any host name. */
final class Links {

    static final String JSON = "application/json";
    static final String GEOJSON = "application/geo+json";
    static final String HTML = "text/html";
    static final String OPENAPI = "application/vnd.oai.openapi+json;version=3.0";

    private Links() {
    }

    static String base() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }

    static Map<String, Object> link(String href, String rel, String type, String title) {
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("href", href);
        l.put("rel", rel);
        l.put("type", type);
        if (title != null) {
            l.put("title", title);
        }
        return l;
    }
}
