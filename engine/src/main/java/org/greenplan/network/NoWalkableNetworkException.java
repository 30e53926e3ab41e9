package org.greenplan.network;

/** The roads given contain nothing a pedestrian can walk on, so no graph can be built. */
public class NoWalkableNetworkException extends IllegalArgumentException {
    public NoWalkableNetworkException(String message) {
        super(message);
    }
}
