package org.greenplan.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.greenplan.network.TestNetworks.grid;
import static org.greenplan.network.TestNetworks.nodeAt;
import static org.greenplan.network.TestNetworks.road;
import static org.greenplan.network.TestNetworks.snap;
import static org.greenplan.network.TestNetworks.xy;

import java.util.ArrayList;
import java.util.List;
import org.greenplan.geo.Feature;
import org.junit.jupiter.api.Test;

class WalkGraphBuilderTest {

    private static double distance(WalkGraph g, double fromX, double fromY, double toX, double toY) {
        NetworkDistances d = new MultiSourceDijkstra(g).from(List.of(snap(g, fromX, fromY)), 1e9);
        return d.distanceTo(snap(g, toX, toY));
    }

    @Test
    void gridIsNodedAtEveryCrossingAndHasManhattanDistances() {
        // 3 × 3 blocks of 100 m from 2-point lines: 16 junctions, 24 block edges, 2.4 km.
        WalkGraph g = new WalkGraphBuilder().build(grid(3, 100));
        assertThat(g.nodeCount()).isEqualTo(16);
        assertThat(g.edgeCount()).isEqualTo(24);
        assertThat(g.stats().totalKm()).isCloseTo(2.4, within(1e-6));
        assertThat(g.degree(nodeAt(g, 100, 100))).isEqualTo(4);
        assertThat(g.degree(nodeAt(g, 0, 0))).isEqualTo(2);
        assertThat(distance(g, 0, 0, 300, 300)).isCloseTo(600, within(1e-3));
        assertThat(distance(g, 0, 0, 150, 200)).isCloseTo(350, within(1e-3));
        NetworkDistances d = new MultiSourceDijkstra(g).from(List.of(snap(g, 0, 0)), 1e9);
        assertThat(d.nodeDistance(nodeAt(g, 200, 100))).isCloseTo(300, within(1e-3));
    }

    @Test
    void riverIsCrossedOnlyByTheBridge() {
        // Banks at y = 0 and y = 200, a river between; the only bridge is at x = 800, sharing the
        // bank streets' vertices at its ends. The footway at x = 0 is foot=no: not a crossing.
        List<Feature> roads = List.of(
                road(xy(0, 0, 800, 0, 1000, 0), "highway", "residential"),
                road(xy(0, 200, 800, 200, 1000, 200), "highway", "residential"),
                road(xy(800, 0, 800, 200), "highway", "footway", "bridge", "yes", "layer", "1"),
                road(xy(0, 0, 0, 200), "highway", "footway", "foot", "no"));
        WalkGraph g = new WalkGraphBuilder().build(roads);
        assertThat(g.stats().roadsNotWalkable()).isEqualTo(1);
        assertThat(distance(g, 0, 0, 0, 200)).isCloseTo(1800, within(1e-3));
    }

    @Test
    void overpassDoesNotConnectToTheStreetBelow() {
        WalkGraph g = new WalkGraphBuilder().build(overpassScene("highway", "footway", "bridge", "yes", "layer", "1"));
        assertThat(nodeAt(g, 0, 0)).as("no junction under the overpass").isEqualTo(-1);
        // From the street below, 100 m east of the crossing, to the overpass's north end: round by the
        // ring, 400 + 500 + 500 m. Through the crossing it would be 600 m.
        assertThat(distance(g, 100, 0, 0, 500)).isCloseTo(1400, within(1e-3));
        assertThat(distance(g, 0, -500, 0, 500)).isCloseTo(1000, within(1e-3)); // along the overpass itself
    }

    @Test
    void tunnelAndLayerAloneAlsoSeparateLevels() {
        for (String[] tags : new String[][] {{"tunnel", "yes"}, {"layer", "-1"}}) {
            WalkGraph g = new WalkGraphBuilder().build(overpassScene(tags));
            assertThat(nodeAt(g, 0, 0)).as(String.join("=", tags)).isEqualTo(-1);
        }
    }

    @Test
    void groundLevelCrossingWithoutSharedVertexIsNoded() {
        WalkGraph g = new WalkGraphBuilder().build(overpassScene("highway", "footway"));
        int centre = nodeAt(g, 0, 0);
        assertThat(centre).isNotEqualTo(-1);
        assertThat(g.degree(centre)).isEqualTo(4);
        assertThat(distance(g, 100, 0, 0, 500)).isCloseTo(600, within(1e-3));
    }

    /**
     * A 1 km square ring road with a vertex at the middle of each side, a street along y = 0 joining the
     * west and east sides, and a north-south way from (0, -500) to (0, 500) that crosses that street at
     * (0, 0) without a shared vertex; its ends share the ring's vertices.
     */
    private static List<Feature> overpassScene(String... crossingTags) {
        return List.of(
                road(xy(-500, -500, 0, -500, 500, -500, 500, 0, 500, 500, 0, 500, -500, 500, -500, 0, -500, -500),
                        "highway", "residential"),
                road(xy(-500, 0, 500, 0), "highway", "residential"),
                road(xy(0, -500, 0, 500), crossingTags));
    }

    @Test
    void deadEndIsANodeOfDegreeOne() {
        List<Feature> roads = new ArrayList<>(grid(2, 100));
        roads.add(road(xy(200, 100, 260, 100), "class", "path")); // spur east from the grid's edge
        WalkGraph g = new WalkGraphBuilder().build(roads);
        int end = nodeAt(g, 260, 100);
        assertThat(g.degree(end)).isEqualTo(1);
        assertThat(g.degree(nodeAt(g, 200, 100))).isEqualTo(4); // the street y = 100 ends there too
        assertThat(distance(g, 0, 0, 260, 100)).isCloseTo(360, within(1e-3));
    }

    @Test
    void keepsLargestComponentAndReportsIslands() {
        List<Feature> roads = new ArrayList<>(grid(2, 100)); // 1.2 km
        roads.add(road(xy(1000, 1000, 1050, 1000), "class", "path")); // 50 m island
        roads.add(road(xy(2000, 0, 2000, 30), "class", "path")); // 30 m island
        WalkGraph g = new WalkGraphBuilder().build(roads);
        assertThat(g.stats().componentsDropped()).isEqualTo(2);
        assertThat(g.stats().droppedKm()).isCloseTo(0.08, within(1e-6));
        assertThat(g.stats().totalKm()).isCloseTo(1.2, within(1e-6));
        assertThat(g.stats().keptShareOfLength()).isCloseTo(1.2 / 1.28, within(1e-9));

        WalkGraph all = new WalkGraphBuilder().keepComponentsOfAtLeast(40).build(roads);
        assertThat(all.stats().componentsDropped()).isEqualTo(1);
        assertThat(all.stats().totalKm()).isCloseTo(1.25, within(1e-6));
    }

    @Test
    void verticesWithinTheSnapToleranceMerge() {
        List<Feature> roads = List.of(
                road(xy(0, 0, 100, 0), "class", "path"),
                road(xy(100.3, 0, 200, 0), "class", "path"), // 0.3 m gap: merged at the default 0.5 m
                road(xy(201, 0, 300, 0), "class", "path"), // 1 m gap: stays apart
                road(xy(50, 0.4, 50, 80), "class", "path")); // ends 0.4 m short of the first: T-junction
        WalkGraph g = new WalkGraphBuilder().keepComponentsOfAtLeast(0).build(roads);
        assertThat(g.nodeCount()).isEqualTo(7);
        assertThat(g.stats().componentsDropped()).isZero();
        WalkGraph largest = new WalkGraphBuilder().build(roads);
        assertThat(largest.edgeCount()).isEqualTo(4);
        assertThat(largest.stats().componentsDropped()).isEqualTo(1);
    }

    @Test
    void noWalkableRoadIsAClearError() {
        List<Feature> motorways = List.of(road(xy(0, 0, 1000, 0), "highway", "motorway"),
                road(xy(0, 10, 1000, 10), "highway", "trunk", "access", "no"));
        assertThatThrownBy(() -> new WalkGraphBuilder().build(motorways))
                .isInstanceOf(NoWalkableNetworkException.class)
                .hasMessageContaining("no walkable road").hasMessageContaining("2 road features");
        assertThatThrownBy(() -> new WalkGraphBuilder().build(List.of()))
                .isInstanceOf(NoWalkableNetworkException.class);
    }

    @Test
    void edgesCanBeExportedForPgRouting() {
        WalkGraph g = new WalkGraphBuilder().build(grid(1, 100));
        double[] total = {0};
        int[] count = {0};
        g.forEachEdge((e, s, t, len) -> {
            assertThat(len).isCloseTo(g.nodeCoordinate(s).distance(g.nodeCoordinate(t)), within(1e-6));
            total[0] += len;
            count[0]++;
        });
        assertThat(count[0]).isEqualTo(4);
        assertThat(total[0]).isCloseTo(400, within(1e-6));
        assertThat(g.nodeLonLat(nodeAt(g, 0, 0))[0]).isCloseTo(120, within(1e-9));
    }
}
