package org.greenplan.security;

import org.greenplan.Refusal;

/** A request refused for its token (401: none or unknown; 403: too little power); the API answers it as a problem. */
public class AccessDeniedException extends RuntimeException implements Refusal {

    private final Category category;

    public AccessDeniedException(Category category, String message) {
        super(message);
        if (category != Category.UNAUTHENTICATED && category != Category.FORBIDDEN) {
            throw new IllegalArgumentException("an access refusal is UNAUTHENTICATED or FORBIDDEN, not " + category);
        }
        this.category = category;
    }

    @Override
    public Category category() {
        return category;
    }

    /** The token travels in this header. */
    @Override
    public String field() {
        return "Authorization";
    }
}
