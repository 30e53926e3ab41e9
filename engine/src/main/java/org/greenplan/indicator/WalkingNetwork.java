package org.greenplan.indicator;

import java.util.List;
import java.util.Map;
import org.greenplan.geo.Feature;
import org.greenplan.geo.GaussKrugerZone;
import org.locationtech.jts.geom.Geometry;

/**
 * The street network as an indicator input: with {@code mode=network} the coverage indicators ask it for
 * walking distances instead of measuring straight lines. It is an interface so this engine stays free of
 * the network engine and its graph cache; the server hands in an implementation backed by the cached
 * walking graph of the road layer version in use.
 */
public interface WalkingNetwork {

    /**
     * Walking metres from each parcel to the nearest facility of each group.
     *
     * @param parcels        residential polygons, lon/lat
     * @param groups         group key → facilities (lon/lat points), any of which serves the group
     * @param maxMetresByKey group key → how far to look; further facilities need not be found
     * @return per parcel, in input order: group key → metres, for the groups reached within their maximum
     */
    List<Map<String, Double>> nearestFacilities(List<Feature> parcels, Map<String, List<Feature>> groups,
            Map<String, Double> maxMetresByKey);

    /**
     * The ground the parks serve on foot within their service radius, in {@code zone}'s metres: a street
     * point reached after walking d from a park serves the land within min(walk-off, radius − d) of it, and
     * the land within min(walk-off, radius) of the park itself does too (the network engine's ParkCoverage;
     * walk-off 50 m, as for isochrones). Never more than the park's straight-line buffer of the radius.
     *
     * @param parksByRadius service radius in metres → the qualifying parks (lon/lat polygons) serving it
     * @return polygons, possibly overlapping (overlaps count once)
     */
    List<Geometry> parkServedGround(Map<Double, List<Feature>> parksByRadius, GaussKrugerZone zone);

    /**
     * The ground each group's facilities serve on foot within each of the group's walking distances, in
     * {@code zone}'s metres: a street point reached after walking d from a facility serves the land within
     * min(walk-off, distance − d) of it, and the land within min(walk-off, distance) of the facility itself
     * does too (the network engine's FacilityReach, the model of isochrones and park coverage; walk-off 50 m).
     * Never more than the facilities' straight-line discs of the distance.
     *
     * @param groups         group key → facilities (lon/lat points), any of which serves the group
     * @param distancesByKey group key → walking metres wanted
     * @return group key → distance → polygons, possibly overlapping (overlaps count once)
     */
    Map<String, Map<Double, List<Geometry>>> facilityServedGround(Map<String, List<Feature>> groups,
            Map<String, List<Double>> distancesByKey, GaussKrugerZone zone);

    /**
     * The same ground as {@link #facilityServedGround}, kept as the streets reached and asked parcel by parcel
     * ({@link WalkedGround}): no street buffer outlives the parcel asking, so a city's life circle runs in bounded
     * memory, and a parcel all of whose streets a requirement reaches is served by an answer shared between the
     * requirements. Empty when the network cannot answer in {@code zone}'s metres (its graph lies in another
     * Gauss-Krüger zone): then use {@link #facilityServedGround}, which converts.
     */
    java.util.Optional<Map<String, Map<Double, WalkedGround>>> facilityWalkedGround(Map<String, List<Feature>> groups,
            Map<String, List<Double>> distancesByKey, GaussKrugerZone zone);

    /** The streets near a parcel (zone metres of a {@link #facilityWalkedGround} that answered), to ask its grounds. */
    ParcelStreets streetsNear(Geometry parcel);

    /** One sentence naming the network (road layers and versions, size) for the result's notes. */
    String description();
}
