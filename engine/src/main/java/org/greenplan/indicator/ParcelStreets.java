package org.greenplan.indicator;

import java.util.List;
import org.locationtech.jts.geom.Geometry;

/**
 * The streets near one parcel, found once by the {@link WalkingNetwork} ({@link WalkingNetwork#streetsNear}) and
 * handed to every {@link WalkedGround} asked about that parcel, so the requirements of a life circle share the
 * search and the work they have in common.
 */
public interface ParcelStreets {

    /** What one walked ground serves of this parcel ({@link WalkedGround#part}). */
    interface Part {
        /** The part as polygons (zone metres): the parcel itself when it is all of it, empty when none. */
        Geometry geometry();
    }

    /**
     * The area of the parcel that every one of these parts serves (parts of this parcel only); the parcel's area
     * when none is given. Measured without building the parts' polygons.
     */
    double areaServedByAll(List<? extends Part> parts);

    /** The same part as polygons (zone metres): the parcel itself when it is all of it, empty when none. */
    Geometry polygonServedByAll(List<? extends Part> parts);
}
