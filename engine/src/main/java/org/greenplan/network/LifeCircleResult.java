package org.greenplan.network;

import java.util.List;
import java.util.Map;

/**
 * Coverage of residential parcels by 5/10/15-minute life circles (生活圈), as computed by {@link LifeCircle}.
 * Shares are 0..1; a population share is NaN when no parcel has a population (then only area shares mean
 * anything).
 *
 * @param levels               one entry per level, in the order the levels were given
 * @param parcels              one entry per residential parcel, in input order
 * @param population           total population of all parcels
 * @param areaM2               total residential area, m²
 * @param parcelsUnreachable   parcels with no access point within the snap distance of a street (they count
 *                             as not covered)
 * @param facilitiesUnreachable facilities of the required categories too far from any street to be used
 */
public record LifeCircleResult(List<LevelCoverage> levels, List<ParcelReach> parcels, double population,
        double areaM2, int parcelsUnreachable, int facilitiesUnreachable) {

    /**
     * @param level             the level's name as given (e.g. "15min")
     * @param thresholdMetres   walking distance that counts as reached
     * @param required          categories a parcel must reach, all of them, to be covered
     * @param populationShare   share of residents whose parcel reaches every required category
     * @param areaShare         share of residential area that does
     * @param populationCovered residents covered
     * @param areaCoveredM2     residential area covered, m²
     * @param categories        coverage of each required category on its own
     */
    public record LevelCoverage(String level, double thresholdMetres, List<String> required, double populationShare,
            double areaShare, double populationCovered, double areaCoveredM2, List<CategoryCoverage> categories) {
    }

    /** Share of residents and of residential area within the level's threshold of one category. */
    public record CategoryCoverage(String category, double populationShare, double areaShare) {
    }

    /**
     * @param id                 the parcel feature's id (or its index in the input when it has none)
     * @param population         residents (0 when the attribute is missing)
     * @param areaM2             parcel area, m²
     * @param accessPoints       access points on the network (0: parcel unreachable)
     * @param distanceByCategory walking metres to the nearest facility of each category, for categories
     *                           reached within the largest threshold that requires them (absent otherwise)
     * @param missingByLevel     per level, the required categories the parcel does not reach (empty: covered)
     */
    public record ParcelReach(String id, double population, double areaM2, int accessPoints,
            Map<String, Double> distanceByCategory, Map<String, List<String>> missingByLevel) {

        public boolean covered(String level) {
            List<String> missing = missingByLevel.get(level);
            return missing != null && missing.isEmpty();
        }
    }
}
