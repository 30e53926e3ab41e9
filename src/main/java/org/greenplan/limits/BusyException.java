package org.greenplan.limits;

import java.time.Duration;

/** Too many computations of one kind are running; answered 503 with Retry-After and the kind. */
public class BusyException extends RuntimeException {

    private final Bulkheads.Kind kind;
    private final int limit;
    private final Duration retryAfter;

    BusyException(Bulkheads.Kind kind, int limit, Duration retryAfter) {
        super(limit + " " + kind.id() + " computation(s) are already running, the most this server runs at once; "
                + "try again in " + Math.max(1, retryAfter.toSeconds()) + " s");
        this.kind = kind;
        this.limit = limit;
        this.retryAfter = retryAfter;
    }

    public Bulkheads.Kind kind() {
        return kind;
    }

    public int limit() {
        return limit;
    }

    public long retryAfterSeconds() {
        return Math.max(1, retryAfter.toSeconds());
    }
}
