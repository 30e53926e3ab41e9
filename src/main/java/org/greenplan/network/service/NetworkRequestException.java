package org.greenplan.network.service;

/**
 * A well-formed network request that cannot be answered with the data at hand: no road layer, no walkable
 * street, a point too far from any street. Answered as 422 naming the field at fault.
 */
public class NetworkRequestException extends RuntimeException {

    private final String field;

    public NetworkRequestException(String field, String reason) {
        super(reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
