package org.greenplan.network.service;

import org.greenplan.FieldException;

/**
 * A well-formed network request that cannot be answered with the data at hand: no road layer, no walkable
 * street, a point too far from any street. Answered as 422 naming the field at fault.
 */
public class NetworkRequestException extends FieldException {

    public NetworkRequestException(String field, String reason) {
        super(Category.UNPROCESSABLE, "Cannot compute on the walking network", field, reason);
    }
}
