package org.greenplan.indicator;

/**
 * The streets near one parcel, found once by the {@link WalkingNetwork} ({@link WalkingNetwork#streetsNear}) and
 * handed to every {@link WalkedGround} asked about that parcel, so the requirements of a life circle share the
 * search and the work they have in common.
 */
public interface ParcelStreets {
}
