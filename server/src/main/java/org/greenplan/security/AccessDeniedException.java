package org.greenplan.security;

import java.util.Map;
import org.greenplan.FieldException;

/**
 * A request refused for its token (401: none or not valid; 403: too little power); the API answers it as a
 * problem, with the role needed and the workspace as members when a role was missing.
 */
public class AccessDeniedException extends FieldException {

    private final Map<String, Object> details;

    /** @param category {@code UNAUTHENTICATED} or {@code FORBIDDEN}; the token travels in the Authorization header */
    public AccessDeniedException(Category category, String message) {
        this(category, message, Map.of());
    }

    public AccessDeniedException(Category category, String message, Map<String, Object> details) {
        super(checked(category), "Authorization", message);
        this.details = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
    }

    @Override
    public Map<String, Object> details() {
        return details;
    }

    private static Category checked(Category category) {
        if (category != Category.UNAUTHENTICATED && category != Category.FORBIDDEN) {
            throw new IllegalArgumentException("an access refusal is UNAUTHENTICATED or FORBIDDEN, not " + category);
        }
        return category;
    }
}
