package org.greenplan.network;

/**
 * What a {@link WalkGraph} holds and what building it cost.
 *
 * @param nodes                 graph nodes (junctions, dead ends) kept
 * @param edges                 undirected edges kept
 * @param totalKm               walkable length kept, km
 * @param roadsUsed             road features that passed the walk rules
 * @param roadsNotWalkable      road features dropped by the walk rules (or without a line geometry)
 * @param componentsDropped     disconnected islands dropped (every component except the kept ones)
 * @param droppedKm             length of those islands, km
 * @param keptShareOfLength     kept length ÷ walkable length before dropping islands
 * @param buildMillis           wall time of the build
 * @param memoryBytes           approximate size of the graph's arrays
 */
public record GraphStats(int nodes, int edges, double totalKm, int roadsUsed, int roadsNotWalkable,
        int componentsDropped, double droppedKm, double keptShareOfLength, long buildMillis, long memoryBytes) {
}
