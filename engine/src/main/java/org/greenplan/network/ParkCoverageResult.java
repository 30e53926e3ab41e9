package org.greenplan.network;

import java.util.List;

/**
 * Network park service-radius coverage, as computed by {@link ParkCoverage}. Shares are 0..1 (NaN when the
 * whole is 0).
 *
 * @param areaM2               residential area, m²
 * @param areaCoveredM2        residential area reached on foot (the covered parts of parcels), m²
 * @param population           residents of all parcels
 * @param populationCovered    residents of the covered parts (each parcel's residents spread over its area)
 * @param parks                parks given
 * @param qualifyingParks      parks large enough to count
 * @param parksUnreachable     qualifying parks none of whose boundary is within the snap distance of a street
 * @param parcels              one entry per parcel, in input order
 */
public record ParkCoverageResult(double areaM2, double areaCoveredM2, double population, double populationCovered,
        int parks, int qualifyingParks, int parksUnreachable, List<ParcelReach> parcels) {

    public double areaShare() {
        return areaM2 > 0 ? areaCoveredM2 / areaM2 : Double.NaN;
    }

    public double populationShare() {
        return population > 0 ? populationCovered / population : Double.NaN;
    }

    /**
     * @param id        the parcel feature's id (or its input index)
     * @param areaM2    the parcel's area, m²
     * @param coveredM2 the part of it a walker reaches within a qualifying park's radius, m²
     */
    public record ParcelReach(String id, double population, double areaM2, double coveredM2) {

        /** Whether any of the parcel is covered. */
        public boolean covered() {
            return coveredM2 > 0;
        }
    }
}
