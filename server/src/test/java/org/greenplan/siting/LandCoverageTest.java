package org.greenplan.siting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * The land arrangement on squares whose covered areas are known by hand: a plan serves exactly the remaining land
 * inside the union of its sites' areas, and the exact optimum of a small instance is the one drawn.
 */
class LandCoverageTest {

    static final GeometryFactory GF = new GeometryFactory();

    static Geometry box(double x0, double y0, double x1, double y1) {
        return GF.toGeometry(new Envelope(x0, x1, y0, y1));
    }

    /**
     * Two parcels 100 × 100 (0..100 and 200..300 along x); candidate A serves x ≤ 150, B serves 50 ≤ x ≤ 250, C
     * serves x ≥ 250. Existing sites already serve x ≤ 20 of the first parcel (2,000 m² served, 20,000 total).
     */
    static CoverageProblem problem() {
        List<Geometry> remaining = List.of(box(20, 0, 100, 100), box(200, 0, 300, 100));
        List<Geometry> areas = List.of(box(-10, -10, 150, 110), box(50, -10, 250, 110), box(250, -10, 400, 110));
        return LandCoverage.build(remaining, new double[] {1, 1}, 2_000, 20_000, areas);
    }

    @Test
    void aPlanServesTheRemainingLandInsideItsSitesAreasCountedOnce() {
        CoverageProblem p = problem();
        assertThat(p.total()).isCloseTo(20_000, within(1e-9));
        assertThat(p.alreadyServed()).isCloseTo(2_000, within(1e-9));
        // A: 80×100 = 8,000; B: 50×100 + 50×100 = 10,000; C: 50×100 = 5,000
        assertThat(p.servedWith(new int[] {0})).isCloseTo(2_000 + 8_000, within(1e-9));
        assertThat(p.servedWith(new int[] {1})).isCloseTo(2_000 + 10_000, within(1e-9));
        assertThat(p.servedWith(new int[] {2})).isCloseTo(2_000 + 5_000, within(1e-9));
        // A and B overlap on 50..100 of the first parcel: 8,000 + 5,000 (B's part of the second) = 13,000
        assertThat(p.servedWith(new int[] {0, 1})).isCloseTo(2_000 + 13_000, within(1e-9));
        assertThat(p.servedWith(new int[] {0, 2})).isCloseTo(2_000 + 13_000, within(1e-9));
        assertThat(p.servedWith(new int[] {0, 1, 2})).isCloseTo(20_000, within(1e-9));
    }

    @Test
    void theExactOptimumIsTheOneDrawnAndGreedyIsWithinItsReportedGap() {
        CoverageProblem p = problem();
        SitingPlan exact = new ExactCover(Duration.ofSeconds(10), 1).maximize(p, 2);
        assertThat(exact.proven()).isTrue();
        // by hand: B alone serves 10,000; the best pair is A + C (or A + B, B + C: 13,000, 13,000, 15,000) → B + C
        assertThat(exact.served()).isCloseTo(2_000 + 15_000, within(1e-6));
        assertThat(java.util.Arrays.stream(exact.chosen()).sorted().toArray()).containsExactly(1, 2);
        SitingPlan greedy = new LazyGreedy().maximize(p, 2);
        assertThat(greedy.served()).isGreaterThanOrEqualTo(exact.served() * (1 - greedy.gap()) - 1e-6);
        // the fewest sites for 100 %: all three (A is the only one serving 20..50 of the first parcel)
        SitingPlan all = new ExactCover(Duration.ofSeconds(10), 1).reach(p, 1.0, 10);
        assertThat(all.chosen()).hasSize(3);
        assertThat(all.fewestPossible()).isEqualTo(3);
    }
}
