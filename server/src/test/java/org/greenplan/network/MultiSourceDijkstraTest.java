package org.greenplan.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.greenplan.network.TestNetworks.nodeAt;
import static org.greenplan.network.TestNetworks.point;
import static org.greenplan.network.TestNetworks.road;
import static org.greenplan.network.TestNetworks.snap;
import static org.greenplan.network.TestNetworks.xy;

import java.util.List;
import java.util.Map;
import org.greenplan.geo.Feature;
import org.junit.jupiter.api.Test;

class MultiSourceDijkstraTest {

    /** One 1 km street from (0, 0) to (1000, 0) and a 500 m side street north from its east end. */
    private final WalkGraph g = new WalkGraphBuilder().build(List.of(
            road(xy(0, 0, 1000, 0), "highway", "residential"),
            road(xy(1000, 0, 1000, 500), "highway", "footway")));
    private final MultiSourceDijkstra dijkstra = new MultiSourceDijkstra(g);

    @Test
    void facilityInTheMiddleOfAnEdgeSplitsIt() {
        Snap s = snap(g, 300, 0);
        assertThat(s.offset()).isCloseTo(0, within(1e-6));
        assertThat(s.toSource() + s.toTarget()).isCloseTo(1000, within(1e-6));
        NetworkDistances d = dijkstra.from(List.of(s), 5000);
        assertThat(d.nodeDistance(nodeAt(g, 0, 0))).isCloseTo(300, within(1e-3));
        assertThat(d.nodeDistance(nodeAt(g, 1000, 0))).isCloseTo(700, within(1e-3));
        assertThat(d.nodeDistance(nodeAt(g, 1000, 500))).isCloseTo(1200, within(1e-3));
    }

    @Test
    void snapDistanceCountsAsWalking() {
        NetworkDistances d = dijkstra.from(List.of(snap(g, 300, 40)), 5000);
        assertThat(d.nodeDistance(nodeAt(g, 0, 0))).isCloseTo(340, within(1e-3));
        // A point on the same edge is reached directly along it, both offsets counted: 40 + 300 + 30.
        assertThat(d.distanceTo(snap(g, 600, -30))).isCloseTo(370, within(1e-3));
        // On the side street: 40 + 700 + 200 + 10 m off the footway.
        assertThat(d.distanceTo(snap(g, 990, 200))).isCloseTo(950, within(1e-3));
    }

    @Test
    void nearestOfManySourcesWinsAndCutoffBoundsTheSearch() {
        NetworkDistances d = dijkstra.from(List.of(snap(g, 100, 0), snap(g, 1000, 400)), 250);
        assertThat(d.nodeDistance(nodeAt(g, 0, 0))).isCloseTo(100, within(1e-3));
        assertThat(d.nodeDistance(nodeAt(g, 1000, 500))).isCloseTo(100, within(1e-3));
        assertThat(d.nodeDistance(nodeAt(g, 1000, 0))).isInfinite(); // 400 and 900 m: beyond 250
        assertThat(d.distanceTo(snap(g, 500, 0))).isInfinite();
        assertThat(d.distanceTo(snap(g, 250, 0))).isCloseTo(150, within(1e-3));
    }

    @Test
    void pointFarFromEveryStreetIsUnreachableNotAnError() {
        Snap far = snap(g, 300, 800); // 800 m from the street, 700 m from the footway's end: > 500 m
        assertThat(far.reachable()).isFalse();
        assertThat(new EdgeSnapper(g, 1000).snap(TestNetworks.ORIGIN[0] + 300, TestNetworks.ORIGIN[1] + 800)
                .reachable()).isTrue();
        NetworkDistances d = dijkstra.from(List.of(far), 5000);
        assertThat(d.unreachableSourceCount()).isEqualTo(1);
        assertThat(d.nodeDistances()).containsOnly(Float.POSITIVE_INFINITY);
        assertThat(dijkstra.from(List.of(snap(g, 0, 0)), 5000).distanceTo(far)).isInfinite();
    }

    @Test
    void emptyCategoryLeavesEveryNodeUnreached() {
        List<Feature> facilities = List.of(point(300, 0, "category", "school"));
        Map<String, NetworkDistances> d = dijkstra.byCategory(facilities, "category", new EdgeSnapper(g),
                Map.of("school", 1000.0, "clinic", 1000.0));
        assertThat(d.get("clinic").sourceCount()).isZero();
        assertThat(d.get("clinic").nodeDistances()).containsOnly(Float.POSITIVE_INFINITY);
        assertThat(d.get("school").nodeDistance(nodeAt(g, 0, 0))).isCloseTo(300, within(1e-3));
    }

    @Test
    void searchesReuseThreadScratchWithoutLeakingDistances() {
        dijkstra.from(List.of(snap(g, 0, 0)), 5000);
        NetworkDistances d = dijkstra.from(List.of(snap(g, 1000, 500)), 100);
        assertThat(d.nodeDistance(nodeAt(g, 0, 0))).isInfinite();
        assertThat(d.nodeDistance(nodeAt(g, 1000, 500))).isCloseTo(0, within(1e-6));
    }
}
