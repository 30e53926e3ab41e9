package org.greenplan;

/**
 * A refused request (see {@link Refusal}): its category, the input at fault (query parameter, form field,
 * body member, header; null when no one input is) and the reason. Each capability has its own subclasses; all
 * of them end as a problem body naming {@link #field()} and the reason.
 */
public abstract class FieldException extends RuntimeException implements Refusal {

    private final Category category;
    private final String title;
    private final String field;

    protected FieldException(Category category, String field, String reason) {
        this(category, category.title(), field, reason);
    }

    /** With a problem title of its own instead of the category's. */
    protected FieldException(Category category, String title, String field, String reason) {
        super(reason);
        this.category = category;
        this.title = title;
        this.field = field;
    }

    @Override
    public Category category() {
        return category;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public String field() {
        return field;
    }
}
