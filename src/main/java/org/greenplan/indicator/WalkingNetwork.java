package org.greenplan.indicator;

import java.util.List;
import java.util.Map;
import org.greenplan.geo.Feature;

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
     * Whether each parcel reaches, on foot, a park within that park's service radius (touching one counts).
     *
     * @param parksByRadius service radius in metres → the qualifying parks (lon/lat polygons) serving it
     * @return per parcel, in input order
     */
    boolean[] reachesPark(List<Feature> parcels, Map<Double, List<Feature>> parksByRadius);

    /** One sentence naming the network (road layers and versions, size) for the result's notes. */
    String description();
}
