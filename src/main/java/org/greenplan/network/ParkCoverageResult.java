package org.greenplan.network;

import java.util.List;

/**
 * Network park service-radius coverage, as computed by {@link ParkCoverage}. Shares are 0..1 (NaN when the
 * whole is 0).
 *
 * @param areaM2               residential area, m²
 * @param areaCoveredM2        residential area of covered parcels, m²
 * @param population           residents of all parcels
 * @param populationCovered    residents of covered parcels
 * @param parks                parks given
 * @param qualifyingParks      parks large enough to count
 * @param parksUnreachable     qualifying parks none of whose boundary is within the snap distance of a street
 * @param parcelsUnreachable   parcels with no access point within the snap distance of a street (covered only
 *                             if they touch a qualifying park)
 * @param parcels              one entry per parcel, in input order
 */
public record ParkCoverageResult(double areaM2, double areaCoveredM2, double population, double populationCovered,
        int parks, int qualifyingParks, int parksUnreachable, int parcelsUnreachable, List<ParcelReach> parcels) {

    public double areaShare() {
        return areaM2 > 0 ? areaCoveredM2 / areaM2 : Double.NaN;
    }

    public double populationShare() {
        return population > 0 ? populationCovered / population : Double.NaN;
    }

    /**
     * @param id             the parcel feature's id (or its input index)
     * @param accessPoints   access points on the network
     * @param covered        within the radius of a qualifying park (or touching one)
     * @param distanceMetres walking metres to the nearest qualifying park that serves it (0 when touching), NaN
     *                       when not covered
     * @param radiusMetres   the radius of the park group that serves it, NaN when not covered
     */
    public record ParcelReach(String id, double population, double areaM2, int accessPoints, boolean covered,
            double distanceMetres, double radiusMetres) {
    }
}
