/**
 * 补短板选址: which new sites, fewest or best k, close a coverage gap. The engine is plain Java on an abstract covering
 * problem ({@link CoverageProblem}: demand units with weights, candidates with the units each would serve, what the
 * existing parks or facilities already serve); how units and candidates are made from layers (parcels, service
 * radii, walking distance, control lines) is the caller's business. Two solvers behind {@link SiteSelector}:
 * {@link LazyGreedy} (CELF, for any size, with a bound on how far it can be from the optimum) and {@link ExactCover}
 * (OR-Tools CP-SAT, for instances it can prove). No Spring, no database.
 */
package org.greenplan.siting;
