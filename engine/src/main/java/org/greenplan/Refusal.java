package org.greenplan;

import java.util.Map;

/**
 * A request the server refuses for a reason the caller can fix: every such exception says which kind of
 * refusal it is ({@link Category}, which the web layer turns into an HTTP status and a problem title) and
 * which input is at fault. Plain Java, so the engines can throw refusals without knowing about HTTP; the API
 * answers every refusal the same way, as an RFC 9457 problem with {@code field}, {@code reason} and
 * {@link #details()}.
 */
public interface Refusal {

    /** The kinds of refusal, each with its HTTP status and the problem title most of its exceptions use. */
    enum Category {
        INVALID(400, "Invalid request"),
        UNAUTHENTICATED(401, "Authentication required"),
        FORBIDDEN(403, "Not allowed"),
        NOT_FOUND(404, "Not found"),
        CONFLICT(409, "Conflict"),
        /** An edit sent with an {@code If-Match} that no longer names the current state (a scenario's feature). */
        PRECONDITION_FAILED(412, "Precondition failed"),
        TOO_LARGE(413, "Request body too large"),
        UNPROCESSABLE(422, "Data not accepted"),
        BUSY(503, "Busy"),
        /** The server's own disk is full (507): not the caller's fault, and nothing was changed. */
        INSUFFICIENT_STORAGE(507, "Insufficient storage");

        private final int status;
        private final String title;

        Category(int status, String title) {
            this.status = status;
            this.title = title;
        }

        public int status() {
            return status;
        }

        public String title() {
            return title;
        }
    }

    Category category();

    /** The input at fault (query parameter, form field, body member, header), or null when none is. */
    String field();

    /** The reason, for the person who sent the request. */
    String getMessage();

    default String title() {
        return category().title();
    }

    /** Extra problem members (a limit, the missing layer kinds, per-feature errors), in the order written. */
    default Map<String, Object> details() {
        return Map.of();
    }
}
