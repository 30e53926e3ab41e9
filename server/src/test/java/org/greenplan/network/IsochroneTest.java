package org.greenplan.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.greenplan.network.TestNetworks.ORIGIN;
import static org.greenplan.network.TestNetworks.ZONE;
import static org.greenplan.network.TestNetworks.grid;
import static org.greenplan.network.TestNetworks.point;
import static org.greenplan.network.TestNetworks.road;
import static org.greenplan.network.TestNetworks.xy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

class IsochroneTest {

    @Test
    void straightStreetGivesAStadium() {
        WalkGraph g = new WalkGraphBuilder().build(List.of(road(xy(-2000, 0, 2000, 0), "class", "branch")));
        List<ServiceArea> areas = new Isochrone(g).quadrantSegments(8).from(List.of(point(0, 0).geometry()), 300);
        // 50 m either side of the street up to 250 m, where 50 m are left; beyond, a point reached at d serves
        // only 300 − d, inside the half disc of 50 m about ±250 m: 500 × 100 m plus a 50 m circle,
        // 50 000 + π·2 500 = 57 854 m² (the 32-gon caps lose 0.6 %), ending at 300 m as the crow flies.
        assertThat(areas.get(0).areaM2()).isCloseTo(50_000 + Math.PI * 2500, within(700.0));
        Envelope e = ZONE.toMetres(areas.get(0).area()).getEnvelopeInternal();
        assertThat(e.getMinX() - ORIGIN[0]).isCloseTo(-300, within(0.5));
        assertThat(e.getMaxX() - ORIGIN[0]).isCloseTo(300, within(0.5));
        assertThat(e.getHeight()).isCloseTo(100, within(0.5));
        assertThat(areas.get(0).area().getSRID()).isEqualTo(4326);
        assertThat(areas.get(0).area().getEnvelopeInternal().getMinX()).isCloseTo(119.996, within(0.001));
    }

    @Test
    void originOffTheStreetPaysItsSnapDistance() {
        WalkGraph g = new WalkGraphBuilder().build(List.of(road(xy(-2000, 0, 2000, 0), "class", "branch")));
        ServiceArea a = new Isochrone(g).from(List.of(point(0, 100).geometry()), 300).get(0);
        Envelope e = ZONE.toMetres(a.area()).getEnvelopeInternal();
        assertThat(e.getMaxX() - ORIGIN[0]).isCloseTo(200, within(0.5)); // 100 m off + 150 m along + 50 m walk-off
    }

    @Test
    void gridReachedSetMatchesHandCount() {
        // 4 × 4 blocks of 100 m; origin at the centre junction (200, 200).
        WalkGraph g = new WalkGraphBuilder().build(grid(4, 100));
        Isochrone iso = new Isochrone(g);
        List<ServiceArea> areas = iso.from(List.of(point(200, 200).geometry()), 100, 150, 250);
        assertThat(areas.get(0).reachedEdges()).isEqualTo(4); // the four edges at the centre, exactly
        assertThat(areas.get(1).reachedEdges()).isEqualTo(16); // + 50 m into each of 12 edges beyond
        // 250 m: the 4 + 12 edges up to the 200 m junctions in full, then 50 m into each edge leading on to a
        // 300 m junction: 2 from each of the 4 diagonal junctions and 2 from each of the 4 straight-ahead
        // ones (they sit on the grid's border), 16 partial → 32 edges.
        assertThat(areas.get(2).reachedEdges()).isEqualTo(32);
        // 100 m: 50 m either side of the first 50 m of each arm, then the round ends (the rest of each arm
        // serves less than that disc): a plus of two 100 × 100 m bars (overlap 100 × 100) with four 50 m
        // half-disc ends, 2·10 000 − 10 000 + 4·π·50²/2 = 25 708 m²; with 3 segments per quarter circle each
        // pair of ends is a 12-gon of 3·50² m², so 10 000 + 2·7 500 = 25 000 m² exactly.
        Geometry plus = areas.get(0).area();
        assertThat(areas.get(0).areaM2()).isCloseTo(10_000 + 2 * 3 * 2500, within(1.0));
        // 250 m follows the streets: far less than the hull of what it reaches
        assertThat(areas.get(2).areaM2()).isLessThan(0.9 * ZONE.toMetres(areas.get(2).area()).convexHull().getArea());
        assertThat(plus.contains(point(270, 270).geometry())).isFalse(); // 70 m from both reached streets
        assertThat(plus.contains(point(200, 290).geometry())).isTrue(); // in the round end of the north arm
        assertThat(plus.contains(point(200, 310).geometry())).isFalse(); // 110 m as the crow flies
    }

    @Test
    void unreachableOriginGivesEmptyArea() {
        WalkGraph g = new WalkGraphBuilder().build(grid(1, 100));
        ServiceArea a = new Isochrone(g).from(List.of(point(5000, 5000).geometry()), 300).get(0);
        assertThat(a.area().isEmpty()).isTrue();
        assertThat(a.reachedEdges()).isZero();
    }

    @Test
    void minutesAtASpeed() {
        assertThat(Isochrone.distancesFor(60, 5, 10, 15)).containsExactly(300, 600, 900);
    }
}
