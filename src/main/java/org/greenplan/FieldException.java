package org.greenplan;

/**
 * A request refused because of one named input (query parameter, form field, body member). Each capability
 * has its own subclass with its {@link Refusal.Category} (400 malformed, 422 unusable with this data); all of
 * them end as a problem body naming {@link #field()} and the reason.
 */
public abstract class FieldException extends RuntimeException implements Refusal {

    private final Category category;
    private final String field;

    protected FieldException(Category category, String field, String reason) {
        super(reason);
        this.category = category;
        this.field = field;
    }

    @Override
    public Category category() {
        return category;
    }

    @Override
    public String field() {
        return field;
    }
}
