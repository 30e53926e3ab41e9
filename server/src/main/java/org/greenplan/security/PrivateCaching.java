package org.greenplan.security;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.util.regex.Pattern;

/**
 * Keeps an API response out of shared caches when it was read with a token or when reading is not public:
 * {@code Cache-Control: private} unless the endpoint says more, and any {@code public} it says becomes
 * {@code private} (tiles say public for anonymous readers). Every API response varies by Authorization,
 * since the token decides between 401/403 and an answer.
 */
final class PrivateCaching extends HttpServletResponseWrapper {

    private static final String CACHE_CONTROL = "Cache-Control";
    private static final Pattern PUBLIC = Pattern.compile("(?i)\\bpublic\\b");

    private final boolean privately;
    /** Whether the Cache-Control present is still the default set here (the endpoint's own replaces it). */
    private boolean defaulted;

    PrivateCaching(HttpServletResponse response, boolean privately) {
        super(response);
        this.privately = privately;
        response.addHeader("Vary", "Authorization");
        if (privately) {
            response.setHeader(CACHE_CONTROL, "private");
            defaulted = true;
        }
    }

    @Override
    public void setHeader(String name, String value) {
        if (privately && CACHE_CONTROL.equalsIgnoreCase(name)) {
            defaulted = false;
            super.setHeader(name, privatise(value));
        } else {
            super.setHeader(name, value);
        }
    }

    @Override
    public void addHeader(String name, String value) {
        if (privately && CACHE_CONTROL.equalsIgnoreCase(name)) {
            if (defaulted) {
                defaulted = false;
                super.setHeader(name, privatise(value));
            } else {
                super.addHeader(name, privatise(value));
            }
        } else {
            super.addHeader(name, value);
        }
    }

    private static String privatise(String value) {
        return value == null ? null : PUBLIC.matcher(value).replaceAll("private");
    }
}
