package org.greenplan.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Enforces {@link RequiresRole}: no or unknown token → 401, a token of too little power → 403. With
 * {@code greenplan.auth.public-read=false} every API endpoint needs at least a reader token.
 */
@Component
public class AuthInterceptor implements HandlerInterceptor {

    private final TokenRegistry tokens;
    private final boolean publicRead;

    public AuthInterceptor(TokenRegistry tokens, @Value("${greenplan.auth.public-read:true}") boolean publicRead) {
        this.tokens = tokens;
        this.publicRead = publicRead;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        RequiresRole annotation = method.getMethodAnnotation(RequiresRole.class);
        Role required = annotation != null ? annotation.value() : publicRead ? null : Role.READER;
        Optional<Caller> caller = tokens.resolve(bearer(request));
        caller.ifPresent(c -> request.setAttribute(Caller.REQUEST_ATTRIBUTE, c));
        if (required == null) {
            return true;
        }
        if (caller.isEmpty()) {
            throw new AccessDeniedException(HttpStatus.UNAUTHORIZED, bearer(request) == null
                    ? "this endpoint needs a token: send 'Authorization: Bearer <token>'"
                    : "the token is not valid");
        }
        if (!caller.get().role().covers(required)) {
            throw new AccessDeniedException(HttpStatus.FORBIDDEN, "this endpoint needs a "
                    + required.name().toLowerCase() + " token; yours is a " + caller.get().role().name().toLowerCase()
                    + " token");
        }
        return true;
    }

    private static String bearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return header.substring(7).trim();
    }

    /** Raised before the handler runs; the API's problem handler turns it into 401/403 JSON. */
    public static class AccessDeniedException extends RuntimeException {
        private final HttpStatus status;

        public AccessDeniedException(HttpStatus status, String message) {
            super(message);
            this.status = status;
        }

        public HttpStatus status() {
            return status;
        }
    }
}
