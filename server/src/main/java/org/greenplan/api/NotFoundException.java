package org.greenplan.api;

import org.greenplan.FieldException;

public class NotFoundException extends FieldException {
    public NotFoundException(String message) {
        super(Category.NOT_FOUND, null, message);
    }
}
