package org.greenplan.network;

/**
 * A point attached to the network: the nearest point on an edge, which splits the edge virtually.
 * Walking from the point costs {@code offset} (the straight walk to the street) plus the distance along
 * the edge: {@link #toSource()} to the edge's source node, {@link #toTarget()} to its target node.
 *
 * <p>A point further than the maximum snap distance from every edge is <em>unreachable</em>
 * ({@link #reachable()} false, edge -1): it is reported, never an exception, so one stray facility or
 * parcel does not fail a city-wide computation.
 *
 * @param edge   the edge snapped to, or -1 when unreachable
 * @param along  metres from the edge's source to the snapped point, along the edge
 * @param length the edge's length in metres
 * @param offset metres from the input point to the snapped point (counts as walking)
 * @param x      easting of the snapped point, zone metres
 * @param y      northing of the snapped point, zone metres
 */
public record Snap(int edge, double along, double length, double offset, double x, double y) {

    public static final Snap UNREACHABLE = new Snap(-1, Double.NaN, Double.NaN, Double.POSITIVE_INFINITY,
            Double.NaN, Double.NaN);

    public boolean reachable() {
        return edge >= 0;
    }

    /** Metres along the edge from the snapped point to the edge's source node. */
    public double toSource() {
        return along;
    }

    /** Metres along the edge from the snapped point to the edge's target node. */
    public double toTarget() {
        return length - along;
    }
}
