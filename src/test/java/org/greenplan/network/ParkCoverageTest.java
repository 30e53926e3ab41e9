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
 * parcels and parks 10 m off the street, so a walk is 10 m + the distance along the street + 10 m.
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

    @Test
    void distancesAlongTheStreetFromTheParkBoundary() {
        ParkCoverageResult r = new ParkCoverage(STREET).evaluate(List.of(BIG, SMALL, TINY), PARCELS);
        assertThat(r.parks()).isEqualTo(3);
        assertThat(r.qualifyingParks()).isEqualTo(2);
        List<ParkCoverageResult.ParcelReach> p = r.parcels();
        assertThat(p).extracting(ParkCoverageResult.ParcelReach::covered)
                .containsExactly(true, true, false, true, false, false, true);
        assertThat(p.get(0).distanceMetres()).isCloseTo(220, within(0.01));
        assertThat(p.get(0).radiusMetres()).isEqualTo(500);
        assertThat(p.get(1).distanceMetres()).isCloseTo(490, within(0.01));
        assertThat(p.get(3).distanceMetres()).isCloseTo(280, within(0.01));
        assertThat(p.get(3).radiusMetres()).isEqualTo(300);
        assertThat(p.get(6).distanceMetres()).isZero();
        assertThat(r.areaShare()).isCloseTo(4 / 7.0, within(1e-6));
        assertThat(r.populationShare()).isCloseTo(4 / 7.0, within(1e-6));
        assertThat(r.areaM2()).isCloseTo(7 * 1600, within(0.5));
    }

    @Test
    void historicDistrictRuleCountsTheSmallFlaggedPark() {
        ParkCoverage.Radii historic = new ParkCoverage.Radii(5000, 500, 2000, 300, true, 1000, 300);
        ParkCoverageResult r = new ParkCoverage(STREET).radii(historic).evaluate(List.of(BIG, SMALL, TINY), PARCELS);
        assertThat(r.qualifyingParks()).isEqualTo(3);
        assertThat(r.parcels().get(5).covered()).isTrue();
        // 1100..1140 is now 10 + 160 + 10 = 180 m from TINY's east side
        assertThat(r.parcels().get(4).covered()).isTrue();
        assertThat(r.parcels().get(4).distanceMetres()).isCloseTo(180, within(0.01));
    }

    @Test
    void noQualifyingParkAndUnreachableParcels() {
        Feature farParcel = rectangle(300, 900, 340, 940, "population", "5"); // 900 m off the street
        ParkCoverageResult r = new ParkCoverage(STREET).evaluate(List.of(TINY), List.of(PARCELS.get(0), farParcel));
        assertThat(r.qualifyingParks()).isZero();
        assertThat(r.areaCoveredM2()).isZero();
        assertThat(r.parcelsUnreachable()).isEqualTo(1);
        assertThat(r.parcels().get(1).accessPoints()).isZero();
        ParkCoverageResult none = new ParkCoverage(STREET).evaluate(List.of(), List.of());
        assertThat(none.areaShare()).isNaN();
    }
}
