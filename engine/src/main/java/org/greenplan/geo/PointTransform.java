package org.greenplan.geo;

import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;

/** A change of coordinates applied vertex by vertex (a map projection, a GCJ-02 shift). */
@FunctionalInterface
public interface PointTransform {

    /** The new {x, y} of one position; the array may be reused by the next call, so read it at once. */
    double[] apply(double x, double y);

    /** Moves every vertex of {@code g} in place and tells JTS the geometry changed. */
    default void applyInPlace(Geometry g) {
        g.apply(new CoordinateSequenceFilter() {
            @Override
            public void filter(CoordinateSequence seq, int i) {
                double[] p = PointTransform.this.apply(seq.getX(i), seq.getY(i));
                seq.setOrdinate(i, 0, p[0]);
                seq.setOrdinate(i, 1, p[1]);
            }

            @Override
            public boolean isDone() {
                return false;
            }

            @Override
            public boolean isGeometryChanged() {
                return true;
            }
        });
        g.geometryChanged();
    }
}
