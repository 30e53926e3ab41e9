package org.greenplan.siting;

/** The two questions a planner asks of a coverage gap; each solver answers both. */
public interface SiteSelector {

    /** Maximal covering: the {@code sites} new sites that serve the most weight (fewer if more add nothing). */
    SitingPlan maximize(CoverageProblem problem, int sites);

    /**
     * Set covering: the fewest new sites (at most {@code maxSites}) that bring the served share to
     * {@code targetShare}; when the candidates cannot reach it, the plan that serves the most and says so
     * ({@link SitingPlan#reaches(double)} false), never an error.
     */
    SitingPlan reach(CoverageProblem problem, double targetShare, int maxSites);
}
