package org.greenplan.limits;

import org.greenplan.FieldException;

/** A request body over the limit of its endpoint; answered 413 naming {@code body} and the limit. */
public class BodyTooLargeException extends FieldException {

    private final long limit;

    public BodyTooLargeException(long limit) {
        super(Category.TOO_LARGE, "body", "the request body is larger than " + RequestLimits.describe(limit)
                + ", the most this endpoint takes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }

    @Override
    public java.util.Map<String, Object> details() {
        return java.util.Map.of("limit", limit);
    }
}
