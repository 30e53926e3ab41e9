package org.greenplan.siting.service;

import org.greenplan.FieldException;

/** A siting request that cannot be run as asked; 400 naming the field. */
public class SitingRequestException extends FieldException {

    public SitingRequestException(String field, String reason) {
        super(Category.INVALID, field, reason);
    }
}
