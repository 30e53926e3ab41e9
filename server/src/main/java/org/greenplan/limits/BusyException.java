package org.greenplan.limits;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.greenplan.FieldException;

/** Too many computations of one kind are running; answered 503 with Retry-After and the kind. */
public class BusyException extends FieldException {

    private final Bulkheads.Kind kind;
    private final int limit;
    private final Duration retryAfter;

    BusyException(Bulkheads.Kind kind, int limit, Duration retryAfter) {
        super(Category.BUSY, null, limit + " " + kind.id() + " computation(s) are already running, the most this "
                + "server runs at once; try again in " + Math.max(1, retryAfter.toSeconds()) + " s");
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

    /** Sent as Retry-After. */
    public long retryAfterSeconds() {
        return Math.max(1, retryAfter.toSeconds());
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind.id());
        m.put("limit", limit);
        return m;
    }
}
