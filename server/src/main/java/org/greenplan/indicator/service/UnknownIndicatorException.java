package org.greenplan.indicator.service;

import org.greenplan.FieldException;

/** No indicator with that id: 404. */
public class UnknownIndicatorException extends FieldException {
    public UnknownIndicatorException(String id, java.util.Collection<String> known) {
        super(Category.NOT_FOUND, "id", "unknown indicator '" + id + "'; known: " + known);
    }
}
