package org.greenplan.api;

public class NotFoundException extends RuntimeException implements org.greenplan.Refusal {
    @Override
    public Category category() {
        return Category.NOT_FOUND;
    }

    @Override
    public String field() {
        return null;
    }

    public NotFoundException(String message) {
        super(message);
    }
}
