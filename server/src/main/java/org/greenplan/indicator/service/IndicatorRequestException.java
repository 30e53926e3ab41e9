package org.greenplan.indicator.service;

import org.greenplan.FieldException;

/** An indicator request that cannot be answered as asked (area, layers, targets, year); 400 naming the field. */
public class IndicatorRequestException extends FieldException {

    public IndicatorRequestException(String field, String reason) {
        super(Category.INVALID, field, reason);
    }
}
