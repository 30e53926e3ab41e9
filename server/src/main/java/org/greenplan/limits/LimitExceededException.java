package org.greenplan.limits;

import java.util.Map;
import org.greenplan.FieldException;

/**
 * A list, geometry or body with more than the server takes; answered 400 naming the field and the limit
 * (413 for a body, {@link BodyTooLargeException}).
 */
public class LimitExceededException extends FieldException {

    private final long limit;

    public LimitExceededException(String field, long limit, String reason) {
        this(Category.INVALID, field, limit, reason);
    }

    protected LimitExceededException(Category category, String field, long limit, String reason) {
        super(category, field, reason);
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("limit", limit);
    }
}
