package org.greenplan.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.greenplan.network.TestNetworks.nodeAt;
import static org.greenplan.network.TestNetworks.road;
import static org.greenplan.network.TestNetworks.snap;
import static org.greenplan.network.TestNetworks.xy;

import java.util.ArrayList;
import java.util.List;
import org.greenplan.Cancellation;
import org.greenplan.geo.Feature;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: an engine's loop stops when the token of the request it computes for is cancelled, and runs to the
 * end when it is not (or outside a request). A 70 × 70 street grid has 4,900 crossings, more than one check
 * interval of the search.
 */
class CancellationTest {

    private static final int N = 70;
    private static final double STEP = 10;

    private static WalkGraph grid() {
        List<Feature> roads = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            roads.add(road(xy(0, i * STEP, (N - 1) * STEP, i * STEP)));
            roads.add(road(xy(i * STEP, 0, i * STEP, (N - 1) * STEP)));
        }
        return new WalkGraphBuilder().build(roads);
    }

    @Test
    void aCancelledTokenStopsTheSearchAndAnOpenOneLetsItFinish() {
        WalkGraph g = grid();
        assertThat(g.nodeCount()).isGreaterThan(4096);
        MultiSourceDijkstra dijkstra = new MultiSourceDijkstra(g);
        List<Snap> source = List.of(snap(g, 0, 0));

        Cancellation token = new Cancellation("test search");
        token.cancel("the client closed the connection");
        try (Cancellation.Scope bound = token.bind()) {
            assertThatThrownBy(() -> dijkstra.from(source, 1e9)).isInstanceOf(Cancellation.Cancelled.class)
                    .hasMessageContaining("the client closed the connection");
        }

        // the same search unbound (as the CLI runs it), and bound to a token nobody cancels: the far corner is
        // 2 × 690 m away along the grid
        NetworkDistances free = dijkstra.from(source, 1e9);
        assertThat(free.nodeDistance(nodeAt(g, (N - 1) * STEP, (N - 1) * STEP))).isCloseTo(2 * (N - 1) * STEP, within(0.01));
        try (Cancellation.Scope bound = new Cancellation("open").bind()) {
            assertThat(dijkstra.from(source, 1e9).nodeDistance(nodeAt(g, (N - 1) * STEP, (N - 1) * STEP)))
                    .isCloseTo(2 * (N - 1) * STEP, within(0.01));
        }
        assertThat(Cancellation.current()).isSameAs(Cancellation.NONE);
    }
}
