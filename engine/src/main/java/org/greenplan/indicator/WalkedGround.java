package org.greenplan.indicator;

import org.locationtech.jts.geom.Geometry;

/**
 * The ground a walk serves, asked parcel by parcel instead of held as polygons: a city's walked ground is
 * hundreds of thousands of street buffers, and a parcel's share of it depends only on the streets within the
 * walk-off of that parcel. Read-only once made, so parcels may be asked in parallel.
 */
public interface WalkedGround {

    /**
     * What this ground serves of {@code parcel} (zone metres), kept as what makes it: its area and the area it
     * shares with other grounds' parts come from {@link ParcelStreets#areaServedByAll}, its polygon from
     * {@link ParcelStreets.Part#geometry} when one is needed.
     *
     * @param streets the streets near this parcel, from {@link WalkingNetwork#streetsNear} of the same parcel
     */
    ParcelStreets.Part part(Geometry parcel, ParcelStreets streets);

    /** The part of {@code parcel} this ground serves as polygons: the parcel itself when all of it, empty when none. */
    default Geometry overlap(Geometry parcel, ParcelStreets streets) {
        return part(parcel, streets).geometry();
    }
}
