package org.greenplan.limits;

/** A request body over the limit of its endpoint; answered 413 naming {@code body} and the limit. */
public class BodyTooLargeException extends LimitExceededException {

    public BodyTooLargeException(long limit) {
        super(Category.TOO_LARGE, "body", limit, "the request body is larger than " + RequestLimits.describe(limit)
                + ", the most this endpoint takes");
    }
}
