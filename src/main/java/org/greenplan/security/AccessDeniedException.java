package org.greenplan.security;

import org.springframework.http.HttpStatus;

/** A request refused for its token (401: none or unknown; 403: too little power); the API answers it as a problem. */
public class AccessDeniedException extends RuntimeException {

    private final HttpStatus status;

    public AccessDeniedException(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
