package org.greenplan.api;

import org.greenplan.FieldException;

/** A request parameter that cannot be used; answered as 400 naming the field and the reason. */
public class BadRequestException extends FieldException {

    public BadRequestException(String field, String reason) {
        super(Category.INVALID, field, reason);
    }
}
