package org.greenplan.network;

/**
 * What a {@link WalkGraph} holds and what building it cost.
 *
 * @param nodes                 graph nodes (junctions, dead ends) kept
 * @param edges                 undirected edges kept
 * @param totalKm               walkable length kept, km
 * @param roadsUsed             road features that passed the walk rules
 * @param roadsNotWalkable      road features dropped by the walk rules (or without a line geometry)
 * @param componentsKept        connected components kept (the largest, and every one of at least
 *                              {@code minComponentMetres})
 * @param componentsDropped     disconnected islands dropped (every component except the kept ones)
 * @param minComponentMetres    the minimum network size a component needed to be kept, metres; NaN when
 *                              only the largest was kept
 * @param droppedKm             length of those islands, km
 * @param keptShareOfLength     kept length ÷ walkable length before dropping islands
 * @param buildMillis           wall time of the build
 * @param memoryBytes           approximate size of the graph's arrays
 */
public record GraphStats(int nodes, int edges, double totalKm, int roadsUsed, int roadsNotWalkable,
        int componentsKept, int componentsDropped, double minComponentMetres, double droppedKm,
        double keptShareOfLength, long buildMillis, long memoryBytes) {

    /** For notes and logs, e.g. "3 components kept (each ≥ 1000 m, and the largest), 12 dropped (4.2 km)". */
    public String componentsNote() {
        String rule = Double.isNaN(minComponentMetres) ? "the largest only"
                : "each ≥ " + Math.round(minComponentMetres) + " m, and the largest";
        return componentsKept + (componentsKept == 1 ? " component" : " components") + " kept (" + rule + "), "
                + componentsDropped + " dropped (" + Math.round(droppedKm * 10) / 10.0 + " km)";
    }
}
