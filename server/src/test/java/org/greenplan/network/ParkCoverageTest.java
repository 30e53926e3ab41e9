package org.greenplan.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.greenplan.network.TestNetworks.rectangle;
import static org.greenplan.network.TestNetworks.road;
import static org.greenplan.network.TestNetworks.xy;

import java.util.List;
import org.greenplan.geo.Feature;
import org.junit.jupiter.api.Test;

/**
 * Park coverage along the network on one straight 2 km street (y = 0), with distances to compute by hand:
 * parcels and parks 10 m off the street, so a walk is 10 m + the distance along the street, then at most
 * 50 m (and never more than the radius left) off the street into a parcel.
 */
class ParkCoverageTest {

    private static final WalkGraph STREET = new WalkGraphBuilder().build(List.of(road(xy(0, 0, 2000, 0))));

    // 100 × 100 m = 1 ha → 500 m; 60 × 50 m = 3000 m² → 300 m; 40 × 30 m = 1200 m² does not count
    private static final Feature BIG = rectangle(0, 10, 100, 110, "name", "big");
    private static final Feature SMALL = rectangle(1500, -60, 1560, -10, "name", "small");
    private static final Feature TINY = rectangle(900, 10, 940, 40, "name", "tiny", "historic_district", "true");

    private static final List<Feature> PARCELS = List.of(
            rectangle(300, 10, 340, 50, "population", "100"),   // 10 + 200 + 10 = 220 m to BIG
            rectangle(570, 10, 610, 50, "population", "100"),   // 490 m to BIG
            rectangle(620, 10, 660, 50, "population", "100"),   // 540 m: out
            rectangle(1200, 10, 1240, 50, "population", "100"), // 10 + 260 + 10 = 280 m to SMALL (300 m)
            rectangle(1100, 10, 1140, 50, "population", "100"), // 380 m to SMALL: out
            rectangle(940, 10, 980, 50, "population", "100"),   // touches TINY, which does not count
            rectangle(50, 100, 90, 140, "population", "100"));  // overlaps BIG: distance 0

    /**
     * The part of a parcel (x from, to; y 10..50, so wholly within 50 m of the street where fully served) that
     * lies in the round end of the served ground, a half disc of 50 m about the street point where 50 m of
     * the radius is left ({@code endX}): ∫ (√(50² − u²) − 10) du over u = |x − endX| where the disc is above y = 10.
     */
    private static double roundEnd(double endX, double from, double to) {
        double uFrom = Math.max(0, Math.min(Math.abs(from - endX), Math.abs(to - endX)));
        double uTo = Math.min(Math.max(Math.abs(from - endX), Math.abs(to - endX)), Math.sqrt(2500 - 100));
        return uTo <= uFrom ? 0 : F(uTo) - F(uFrom) - 10 * (uTo - uFrom);
    }

    /** ∫ √(50² − u²) du. */
    private static double F(double u) {
        return (u * Math.sqrt(2500 - u * u) + 2500 * Math.asin(u / 50)) / 2;
    }

    @Test
    void theReachedPartOfEachParcelAlongTheStreetFromTheParkBoundary() {
        ParkCoverageResult r = new ParkCoverage(STREET).evaluate(List.of(BIG, SMALL, TINY), PARCELS);
        assertThat(r.parks()).isEqualTo(3);
        assertThat(r.qualifyingParks()).isEqualTo(2);
        List<ParkCoverageResult.ParcelReach> p = r.parcels();
        // BIG (500 m) is entered at (100, 10), 10 m off the street: at x the walk is 10 + (x − 100) m, so 50 m are
        // left up to x = 540, and beyond it the ground served is the half disc of 50 m about (540, 0).
        assertThat(p.get(0).coveredM2()).as("220 m away, all within 50 m of the street").isCloseTo(1600, within(0.5));
        double end1 = roundEnd(540, 570, 610);
        assertThat(end1).isBetween(100.0, 400.0);
        assertThat(p.get(1).coveredM2()).as("490 m at its edge: only the corner the walk still reaches")
                .isCloseTo(end1, within(0.02 * end1));
        assertThat(p.get(2).coveredM2()).as("540 m at its edge: out").isZero();
        // SMALL (300 m) is entered at (1500, −10): 50 m are left down to x = 1260, the half disc ends at 1210
        double end3 = roundEnd(1260, 1200, 1240);
        assertThat(p.get(3).coveredM2()).isCloseTo(end3, within(0.02 * end3));
        assertThat(p.get(4).coveredM2()).as("1100..1140 lies beyond SMALL's reach").isZero();
        assertThat(p.get(5).coveredM2()).as("touches TINY, which does not count").isZero();
        assertThat(p.get(6).coveredM2()).as("overlaps BIG: within 50 m of the park itself").isCloseTo(1600, within(0.5));
        double expected = (1600 + end1 + end3 + 1600) / (7 * 1600);
        // the round ends are 32-gons: they lose up to 2 % of the corner pieces, ~0.1 % of the whole
        assertThat(r.areaShare()).isCloseTo(expected, within(2e-3));
        assertThat(r.populationShare()).isCloseTo(expected, within(2e-3));
        assertThat(r.areaM2()).isCloseTo(7 * 1600, within(0.5));
    }

    @Test
    void historicDistrictRuleCountsTheSmallFlaggedPark() {
        ParkCoverage.Radii historic = new ParkCoverage.Radii(5000, 500, 2000, 300, true, 1000, 300);
        ParkCoverageResult r = new ParkCoverage(STREET).radii(historic).evaluate(List.of(BIG, SMALL, TINY), PARCELS);
        assertThat(r.qualifyingParks()).isEqualTo(3);
        assertThat(r.parcels().get(5).coveredM2()).as("beside TINY").isCloseTo(1600, within(0.5));
        // TINY's corner (940, 10) → (940, 0): at x the walk is 10 + x − 940, so 50 m are left up to x = 1180
        assertThat(r.parcels().get(4).coveredM2()).isCloseTo(1600, within(0.5));
    }

    @Test
    void noQualifyingParkAndUnreachableParcels() {
        Feature farParcel = rectangle(300, 900, 340, 940, "population", "5"); // 900 m off the street
        ParkCoverageResult r = new ParkCoverage(STREET).evaluate(List.of(TINY), List.of(PARCELS.get(0), farParcel));
        assertThat(r.qualifyingParks()).isZero();
        assertThat(r.areaCoveredM2()).isZero();
        r = new ParkCoverage(STREET).evaluate(List.of(BIG), List.of(farParcel));
        assertThat(r.parcels().get(0).coveredM2()).as("900 m off the street, far from BIG").isZero();
        ParkCoverageResult none = new ParkCoverage(STREET).evaluate(List.of(), List.of());
        assertThat(none.areaShare()).isNaN();
    }
}
