package org.greenplan.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.greenplan.geo.Feature;
import org.junit.jupiter.api.Test;

/**
 * The minimum network size on real OSM extracts: two neighbouring places of one district (Tsinghua and
 * Xueyuan Road in Haidian, ≈ 1 km apart with no road between them in the extracts) loaded as one road
 * layer are two components, and both are kept; fragments shorter than the minimum are dropped. Checked
 * against the graphs of each place built alone, and by walking the result's components here (breadth-first
 * over the graph's edges, independent of the builder's union-find).
 */
class MinimumNetworkSizeTest {

    private static final double MIN = 1000;

    @Test
    void twoPlacesOfOneDistrictAreBothKept() throws IOException {
        Path dir = TestNetworks.sharedData();
        assumeTrue(dir != null && Files.isDirectory(dir.resolve("beijing_haidian_xueyuanlu")), "shared OSM data not present");
        List<Feature> tsinghua = TestNetworks.read(dir.resolve("beijing_haidian_tsinghua/roads_walk.geojson"));
        List<Feature> xueyuan = TestNetworks.read(dir.resolve("beijing_haidian_xueyuanlu/roads_walk.geojson"));
        List<Feature> both = new ArrayList<>(tsinghua);
        both.addAll(xueyuan);

        WalkGraph largestOnly = new WalkGraphBuilder().build(both);
        WalkGraph kept = new WalkGraphBuilder().keepComponentsOfAtLeast(MIN).build(both);
        WalkGraph t = new WalkGraphBuilder().keepComponentsOfAtLeast(MIN).build(tsinghua);
        WalkGraph x = new WalkGraphBuilder().keepComponentsOfAtLeast(MIN).build(xueyuan);
        System.out.printf("largest only: %s%nmin %.0f m: %s%ntsinghua: %s%nxueyuanlu: %s%n", largestOnly.stats(), MIN,
                kept.stats(), t.stats(), x.stats());

        // the old rule loses one place entirely
        assertThat(largestOnly.stats().componentsKept()).isEqualTo(1);
        assertThat(largestOnly.stats().totalKm()).isLessThan(kept.stats().totalKm() - x.stats().totalKm() / 2);

        // every component of the result is at least the minimum long; the counts match the note
        List<Double> lengths = componentLengths(kept);
        assertThat(lengths).hasSize(kept.stats().componentsKept());
        assertThat(lengths).allSatisfy(len -> assertThat(len).isGreaterThanOrEqualTo(MIN));
        assertThat(kept.stats().componentsKept()).isGreaterThanOrEqualTo(2);
        assertThat(kept.stats().componentsNote()).startsWith(kept.stats().componentsKept() + " components kept (each ≥ 1000 m");

        // the two places do not touch: together they are exactly each one alone (same components, same km)
        assertThat(kept.stats().componentsKept()).isEqualTo(t.stats().componentsKept() + x.stats().componentsKept());
        assertThat(kept.stats().totalKm()).isCloseTo(t.stats().totalKm() + x.stats().totalKm(), within(0.05));
        assertThat(kept.stats().componentsDropped())
                .isEqualTo(t.stats().componentsDropped() + x.stats().componentsDropped());
        // what was dropped was small: kept + dropped is everything walkable
        assertThat(kept.stats().totalKm() + kept.stats().droppedKm())
                .isCloseTo(largestOnly.stats().totalKm() + largestOnly.stats().droppedKm(), within(1e-6));
        assertThat(kept.stats().droppedKm() / kept.stats().componentsDropped()).isLessThan(MIN / 1000);
    }

    @Test
    void theLargestIsKeptWhateverTheMinimum() throws IOException {
        Path dir = TestNetworks.sharedData();
        assumeTrue(dir != null && Files.isDirectory(dir.resolve("monaco")), "shared OSM data not present");
        List<Feature> roads = TestNetworks.read(dir.resolve("monaco/roads_walk.geojson"));
        WalkGraph huge = new WalkGraphBuilder().keepComponentsOfAtLeast(1e9).build(roads);
        WalkGraph largest = new WalkGraphBuilder().build(roads);
        assertThat(huge.stats().componentsKept()).isEqualTo(1);
        assertThat(huge.edgeCount()).isEqualTo(largest.edgeCount());
        WalkGraph zero = new WalkGraphBuilder().keepComponentsOfAtLeast(0).build(roads);
        assertThat(zero.stats().componentsDropped()).isZero();
        assertThat(componentLengths(zero)).hasSize(zero.stats().componentsKept());
    }

    /** Lengths of the graph's connected components (metres), by breadth-first search over its adjacency. */
    static List<Double> componentLengths(WalkGraph g) {
        int[] comp = new int[g.nodeCount()];
        java.util.Arrays.fill(comp, -1);
        List<Double> lengths = new ArrayList<>();
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int start = 0; start < g.nodeCount(); start++) {
            if (comp[start] >= 0) {
                continue;
            }
            int c = lengths.size();
            lengths.add(0.0);
            comp[start] = c;
            queue.add(start);
            while (!queue.isEmpty()) {
                int n = queue.poll();
                for (int i = g.adjOffset[n]; i < g.adjOffset[n + 1]; i++) {
                    int e = g.adjEdge[i];
                    int other = g.edgeSource(e) == n ? g.edgeTarget(e) : g.edgeSource(e);
                    if (comp[other] < 0) {
                        comp[other] = c;
                        queue.add(other);
                    }
                }
            }
        }
        // each edge once, to the component of its source
        g.forEachEdge((e, s, t, len) -> lengths.set(comp[s], lengths.get(comp[s]) + len));
        return lengths;
    }
}
