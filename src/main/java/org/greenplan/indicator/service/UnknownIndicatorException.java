package org.greenplan.indicator.service;

/** No indicator with that id: 404. */
public class UnknownIndicatorException extends RuntimeException {
    public UnknownIndicatorException(String id, java.util.Collection<String> known) {
        super("unknown indicator '" + id + "'; known: " + known);
    }
}
