package org.greenplan.geo;

/**
 * A GeoJSON document or geometry that cannot be read; the message is meant for the person who sent it.
 * When the fault is in one feature of a collection, {@link #featureIndex()} says which, and a reader can
 * go on to the next feature; a fault in the document itself (not JSON, not a FeatureCollection) is final.
 */
public class GeoJsonException extends RuntimeException {

    private final long featureIndex;

    public GeoJsonException(String message) {
        this(message, -1);
    }

    public GeoJsonException(String message, long featureIndex) {
        super(message);
        this.featureIndex = featureIndex;
    }

    /** Zero-based index of the faulty feature, or -1 when the document as a whole is at fault. */
    public long featureIndex() {
        return featureIndex;
    }

    public boolean isFeatureLevel() {
        return featureIndex >= 0;
    }
}
