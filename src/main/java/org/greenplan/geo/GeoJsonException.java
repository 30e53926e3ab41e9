package org.greenplan.geo;

/** A GeoJSON document or geometry that cannot be read; the message is meant for the person who sent it. */
public class GeoJsonException extends RuntimeException {
    public GeoJsonException(String message) {
        super(message);
    }
}
