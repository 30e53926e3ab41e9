package org.greenplan.network;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.greenplan.geo.Feature;

/**
 * Distance from the nearest of many sources to every node in one search: all facilities of a category
 * seed the heap at once (each at both ends of its edge, with its snap offset and partial lengths), so a
 * city-wide "distance to the nearest kindergarten" costs one bounded Dijkstra, not one per facility.
 */
public final class MultiSourceDijkstra {

    private final WalkGraph graph;

    public MultiSourceDijkstra(WalkGraph graph) {
        this.graph = graph;
    }

    /** Distances from the nearest source within the cutoff (metres). Unreachable snaps are ignored. */
    public NetworkDistances from(Collection<Snap> sources, double cutoff) {
        DijkstraScratch s = graph.borrowScratch();
        float[] node = new float[graph.nodeCount()];
        java.util.Arrays.fill(node, Float.POSITIVE_INFINITY);
        try {
            s.reset();
            for (Snap snap : sources) {
                s.seed(snap, cutoff);
            }
            s.run(cutoff);
            for (int i = 0; i < s.touchedCount(); i++) {
                int v = s.touched(i);
                node[v] = (float) s.dist[v];
            }
        } finally {
            s.reset();
            graph.giveBack(s);
        }
        return new NetworkDistances(graph, node, cutoff, sources);
    }

    /**
     * One search per category. Facilities are grouped by the attribute {@code categoryKey}; each category
     * gets its cutoff from {@code cutoffByCategory}, and only those categories are computed. A category
     * with no facility (or only unreachable ones) yields distances that are +∞ everywhere.
     */
    public Map<String, NetworkDistances> byCategory(List<Feature> facilities, String categoryKey, EdgeSnapper snapper,
            Map<String, Double> cutoffByCategory) {
        Map<String, List<Snap>> snaps = new LinkedHashMap<>();
        cutoffByCategory.keySet().forEach(c -> snaps.put(c, new ArrayList<>()));
        for (Feature f : facilities) {
            List<Snap> list = snaps.get(f.text(categoryKey));
            if (list != null) {
                list.add(snapper.snapLonLat(f.geometry()));
            }
        }
        Map<String, NetworkDistances> out = new LinkedHashMap<>();
        snaps.forEach((category, list) -> out.put(category, from(list, cutoffByCategory.get(category))));
        return out;
    }
}
