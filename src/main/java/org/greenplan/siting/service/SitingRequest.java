package org.greenplan.siting.service;

/**
 * What a planner asks the siting: which indicator to raise, to what target or with how many sites, from which
 * candidates.
 *
 * @param indicator  {@code park_service_coverage} (the only one so far; its size classes give a candidate its radius)
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
 */
public record SitingRequest(String indicator, Double target, Integer sites, Integer maxSites, String candidates,
        String layer, Double spacing, String parkSize, String mode, Boolean exact) {

    public static final String PARK = "park_service_coverage";

    /** The request with defaults filled in, or a refusal naming the field. */
    public SitingRequest checked() {
        String ind = indicator == null || indicator.isBlank() ? PARK : indicator.trim();
        if (!ind.equals(PARK)) {
            throw new SitingRequestException("indicator", "unknown indicator or category '" + ind + "' for siting; "
                    + "known: " + PARK);
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
        return new SitingRequest(ind, target, sites, maxSites == null ? 500 : maxSites, source,
                layer == null ? null : layer.trim(), spacing == null ? 250.0 : spacing, size,
                mode == null || mode.isBlank() ? null : mode.trim(), exact);
    }
}
