package org.greenplan.indicatorservice;

/** No indicator with that id: 404. */
public class UnknownIndicatorException extends RuntimeException implements org.greenplan.Refusal {
    @Override
    public Category category() {
        return Category.NOT_FOUND;
    }

    @Override
    public String field() {
        return "id";
    }

    public UnknownIndicatorException(String id, java.util.Collection<String> known) {
        super("unknown indicator '" + id + "'; known: " + known);
    }
}
