package org.greenplan.demo;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;

/** A town block: the quadrilateral between four street centre lines, and its buildable inner part. */
final class Block {

    enum Use { RESIDENTIAL, COMMERCIAL, INDUSTRIAL, PUBLIC, PARK, ROAD }

    final int i;
    final int j;
    /** Between street centre lines. */
    final Polygon quad;
    /** Set back from the centre lines by half a carriageway plus a verge. */
    final Polygon inner;
    final double setback;
    Use use;
    /** A pocket park cut out of a residential block's corner, or null. */
    Polygon cornerPark;
    /** The park plus a 3 m verge, edges parallel to the park's, so the housing left is a clean L. */
    Polygon cornerCut;

    Block(int i, int j, Polygon quad, Polygon inner, double setback) {
        this.setback = setback;
        this.i = i;
        this.j = j;
        this.quad = quad;
        this.inner = inner;
    }

    Coordinate centre() {
        return inner.getCentroid().getCoordinate();
    }

    /** Corner k of the quad: 0 south-west, then counter-clockwise. */
    Coordinate corner(int k) {
        return quad.getExteriorRing().getCoordinateN(k);
    }

    /** The inner area less any corner park and its verge: what housing or other uses get. */
    Geometry buildable() {
        return cornerCut == null ? inner : inner.difference(cornerCut);
    }

    boolean free() {
        return use == null;
    }
}
