package org.greenplan.siting.service;

import java.util.List;
import org.greenplan.indicator.LifeCircleLevels;
import org.greenplan.indicator.ParkServiceCoverage;

/**
 * What a planner asks the siting: which indicator to raise, to what target or with how many sites, from which
 * candidates.
 *
 * @param indicator  {@code park_service_coverage} (its size classes give a candidate its radius) or
 *                   {@code life_circle_coverage} (with a category)
 * @param category   a life-circle requirement key or facility category (e.g. {@code clinic}): raises its
 *                   {@code category.<level>.<key>} figure with new facilities; implies life_circle_coverage
 * @param level      with a category: {@code 5min}, {@code 10min} or {@code 15min} (default)
 * @param target     the coverage to reach, percent (0, 100]; or null with {@code sites}
 * @param sites      how many new sites (maximal covering), ≥ 1; or null with {@code target}
 * @param maxSites   with a target: at most this many sites (default 500)
 * @param candidates {@code grid} (default: a grid over the 城镇开发边界) or {@code layer}
 * @param layer      with candidates=layer: the id of the layer holding the candidate plots (polygons or points)
 * @param spacing    with candidates=grid: metres between grid points (default 250)
 * @param parkSize   {@code large} or {@code small}: the size class of a new park (grid points and point plots get a
 *                   square park of that class's minimum area); polygon plots keep their own area
 * @param mode       {@code network} (the default when a road layer exists) or {@code euclidean}
 * @param exact      also run the exact solver (OR-Tools CP-SAT) for the optimality gap: default when ≤ 300 candidates
 * @param ruleSet    park siting: the park coverage rule set the demand and the new parks are judged by,
 *                   {@code mohurd2021} (default) or {@code gbt51346} (ParkServiceCoverage)
 * @param capacity   with a category: the residents one new facility serves at most (a whole number ≥ 1); the run is
 *                   then the capacitated variant (CP-SAT), weighted by residents. Not for parks: the park rules give a
 *                   park a service radius by its size, no number of residents it can take
 */
public record SitingRequest(String indicator, String category, String level, Double target, Integer sites, Integer maxSites, String candidates,
        String layer, Double spacing, String parkSize, String mode, Boolean exact,
        String ruleSet, Double capacity) {

    public static final String PARK = "park_service_coverage";
    public static final String LIFE_CIRCLE = "life_circle_coverage";

    /** The request with defaults filled in, or a refusal naming the field. */
    public SitingRequest checked() {
        String cat = category == null || category.isBlank() ? null : category.trim();
        String ind = indicator == null || indicator.isBlank() ? (cat == null ? PARK : LIFE_CIRCLE) : indicator.trim();
        if (!ind.equals(PARK) && !ind.equals(LIFE_CIRCLE)) {
            throw new SitingRequestException("indicator", "unknown indicator '" + ind + "' for siting; known: " + PARK
                    + ", " + LIFE_CIRCLE + " (with a category)");
        }
        String lvl = level == null || level.isBlank() ? "15min" : level.trim();
        if (ind.equals(LIFE_CIRCLE)) {
            if (!LifeCircleLevels.LEVELS.contains(lvl)) {
                throw new SitingRequestException("level", "level is one of " + LifeCircleLevels.LEVELS + ", not '" + lvl + "'");
            }
            List<LifeCircleLevels.Requirement> reqs = LifeCircleLevels.defaults().requirements(lvl);
            if (cat == null || reqs.stream().noneMatch(r -> r.key().equals(cat) || r.categories().contains(cat))) {
                throw new SitingRequestException("category", (cat == null ? "give a category" : "unknown category '"
                        + cat + "' at level " + lvl) + "; known: " + reqs.stream().map(LifeCircleLevels.Requirement::key)
                        .toList());
            }
        } else if (cat != null) {
            throw new SitingRequestException("category", "a category goes with " + LIFE_CIRCLE + ", not " + ind);
        }
        if ((target == null) == (sites == null)) {
            throw new SitingRequestException(target == null ? "target" : "sites",
                    "give either target (percent to reach) or sites (how many new sites), one of them");
        }
        if (target != null && !(target > 0 && target <= 100)) {
            throw new SitingRequestException("target", "a target is a percentage in (0, 100], not " + target);
        }
        if (sites != null && sites <= 0) {
            throw new SitingRequestException("sites", "the number of new sites must be ≥ 1, not " + sites);
        }
        if (maxSites != null && maxSites <= 0) {
            throw new SitingRequestException("maxSites", "maxSites must be ≥ 1, not " + maxSites);
        }
        String source = candidates == null || candidates.isBlank() ? "grid" : candidates.trim();
        if (!source.equals("grid") && !source.equals("layer")) {
            throw new SitingRequestException("candidates", "candidates is 'grid' (over the 城镇开发边界) or 'layer', not '"
                    + source + "'");
        }
        if (source.equals("layer") && (layer == null || layer.isBlank())) {
            throw new SitingRequestException("layer", "with candidates=layer give the id of the candidate layer");
        }
        if (spacing != null && !(spacing >= 20 && spacing <= 5000)) {
            throw new SitingRequestException("spacing", "the grid spacing is 20–5000 m, not " + spacing);
        }
        String size = parkSize == null || parkSize.isBlank() ? "large" : parkSize.trim();
        if (!size.equals("large") && !size.equals("small")) {
            throw new SitingRequestException("parkSize", "parkSize is 'large' (≥ 5000 m², 500 m) or 'small' "
                    + "(2000–5000 m², 300 m), not '" + size + "'");
        }
        if (mode != null && !mode.isBlank() && !mode.trim().equals("network") && !mode.trim().equals("euclidean")) {
            throw new SitingRequestException("mode", "mode is 'network' or 'euclidean', not '" + mode + "'");
        }
        String rules = ruleSet == null || ruleSet.isBlank() ? null : ruleSet.trim();
        if (rules != null && (ind.equals(LIFE_CIRCLE) || !List.of(ParkServiceCoverage.MOHURD_2021, ParkServiceCoverage.GBT_51346)
                .contains(rules))) {
            throw new SitingRequestException("ruleSet", ind.equals(LIFE_CIRCLE) ? "ruleSet goes with " + PARK
                    : "ruleSet is '" + ParkServiceCoverage.MOHURD_2021 + "' or '" + ParkServiceCoverage.GBT_51346 + "', not '"
                            + ruleSet + "'");
        }
        if (capacity != null) {
            if (!ind.equals(LIFE_CIRCLE)) {
                throw new SitingRequestException("capacity", "capacity (residents a new facility serves) goes with a "
                        + "life-circle category; a park's reach is set by its size class, not by a number of residents");
            }
            if (!(capacity >= 1) || capacity != Math.rint(capacity) || Double.isInfinite(capacity)) {
                throw new SitingRequestException("capacity", "capacity is the whole number of residents one new facility "
                        + "serves, ≥ 1, not " + capacity);
            }
        }
        return new SitingRequest(ind, cat, ind.equals(LIFE_CIRCLE) ? lvl : null, target, sites, maxSites == null ? 500 : maxSites, source,
                layer == null ? null : layer.trim(), spacing == null ? 250.0 : spacing, size,
                mode == null || mode.isBlank() ? null : mode.trim(), exact, rules, capacity);
    }
}
