package org.greenplan.limits;

import org.greenplan.FieldException;

/** A list or geometry with more entries than the server takes; answered 400 naming the field and the limit. */
public class LimitExceededException extends FieldException {

    private final long limit;

    public LimitExceededException(String field, long limit, String reason) {
        super(Category.INVALID, field, reason);
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
