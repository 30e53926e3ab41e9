package org.greenplan.security;

import org.greenplan.FieldException;

/** A request refused for its token (401: none or unknown; 403: too little power); the API answers it as a problem. */
public class AccessDeniedException extends FieldException {

    /** @param category {@code UNAUTHENTICATED} or {@code FORBIDDEN}; the token travels in the Authorization header */
    public AccessDeniedException(Category category, String message) {
        super(checked(category), "Authorization", message);
    }

    private static Category checked(Category category) {
        if (category != Category.UNAUTHENTICATED && category != Category.FORBIDDEN) {
            throw new IllegalArgumentException("an access refusal is UNAUTHENTICATED or FORBIDDEN, not " + category);
        }
        return category;
    }
}
