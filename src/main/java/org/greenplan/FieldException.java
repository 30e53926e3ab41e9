package org.greenplan;

/**
 * A request refused because of one named input (query parameter, form field, body member). Each capability
 * has its own subclass so the web layer can pick the status (400 malformed, 422 unusable with this data);
 * all of them end as a problem body naming {@link #field()} and the reason.
 */
public abstract class FieldException extends RuntimeException {

    private final String field;

    protected FieldException(String field, String reason) {
        super(reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
