package org.greenplan.indicator;

import org.locationtech.jts.geom.Geometry;

/**
 * The ground a walk serves, asked parcel by parcel instead of held as polygons: a city's walked ground is
 * hundreds of thousands of street buffers, and a parcel's share of it depends only on the streets within the
 * walk-off of that parcel. Read-only once made, so parcels may be asked in parallel.
 */
public interface WalkedGround {

    /**
     * The part of {@code parcel} (zone metres) this ground serves: the parcel itself when it serves all of it,
     * empty when none.
     *
     * @param streets the streets near this parcel, from {@link WalkingNetwork#streetsNear} of the same parcel
     */
    Geometry overlap(Geometry parcel, ParcelStreets streets);
}
