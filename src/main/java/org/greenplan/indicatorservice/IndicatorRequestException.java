package org.greenplan.indicatorservice;

/** An indicator request that cannot be answered as asked (area, layers, targets, year); 400 naming the field. */
public class IndicatorRequestException extends RuntimeException {

    private final String field;

    public IndicatorRequestException(String field, String reason) {
        super(reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
