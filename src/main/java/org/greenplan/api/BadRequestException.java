package org.greenplan.api;

/** A request parameter that cannot be used; answered as 400 naming the field and the reason. */
public class BadRequestException extends RuntimeException {
    private final String field;

    public BadRequestException(String field, String reason) {
        super(reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
