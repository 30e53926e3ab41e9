package org.greenplan.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.greenplan.network.TestNetworks.point;
import static org.greenplan.network.TestNetworks.rectangle;
import static org.greenplan.network.TestNetworks.road;
import static org.greenplan.network.TestNetworks.xy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.greenplan.geo.Feature;
import org.junit.jupiter.api.Test;

/**
 * One 2 km street along y = 0. Parcel A (100 residents) and parcel B (300) are 100 × 50 m, 10 m north of
 * it, at x 100–200 and 1500–1600. A kindergarten stands at x = 150, a school at x = 1000. By hand:
 * A–kindergarten 10 m (A's nearest access point is right above it), A–school 10 + 800 = 810 m,
 * B–kindergarten 10 + 1350 = 1360 m, B–school 10 + 500 = 510 m.
 */
class LifeCircleTest {

    private final WalkGraph g = new WalkGraphBuilder().build(List.of(road(xy(0, 0, 2000, 0), "class", "branch")));
    private final List<Feature> facilities = List.of(point(150, 0, "category", "kindergarten"),
            point(1000, 0, "category", "school"));
    private final List<Feature> parcels = List.of(rectangle(100, 10, 200, 60, "population", "100"),
            rectangle(1500, 10, 1600, 60, "population", "300"));

    private static Map<String, List<String>> levels() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("5min", List.of("kindergarten"));
        m.put("10min", List.of("school"));
        m.put("15min", List.of("school", "kindergarten"));
        return m;
    }

    @Test
    void gb50180DistancesByDefault() {
        LifeCircleResult r = new LifeCircle(g).evaluate(facilities, parcels, levels());
        assertThat(r.population()).isEqualTo(400);
        assertThat(r.areaM2()).isCloseTo(10_000, within(1.0));

        LifeCircleResult.ParcelReach a = r.parcels().get(0);
        LifeCircleResult.ParcelReach b = r.parcels().get(1);
        assertThat(a.distanceByCategory().get("kindergarten")).isCloseTo(10, within(0.01));
        assertThat(a.distanceByCategory().get("school")).isCloseTo(810, within(0.01));
        assertThat(b.distanceByCategory().get("school")).isCloseTo(510, within(0.01));
        assertThat(b.distanceByCategory()).doesNotContainKey("kindergarten"); // 1360 m > 1000 m cutoff

        LifeCircleResult.LevelCoverage five = r.levels().get(0);
        assertThat(five.thresholdMetres()).isEqualTo(300);
        assertThat(five.populationShare()).isCloseTo(0.25, within(1e-9));
        assertThat(five.areaShare()).isCloseTo(0.5, within(1e-6));
        LifeCircleResult.LevelCoverage ten = r.levels().get(1);
        assertThat(ten.populationShare()).isZero(); // 510 m misses 500 m by 10 m of snap offset
        LifeCircleResult.LevelCoverage fifteen = r.levels().get(2);
        assertThat(fifteen.populationShare()).isCloseTo(0.25, within(1e-9));
        assertThat(fifteen.categories()).extracting(LifeCircleResult.CategoryCoverage::populationShare)
                .containsExactly(1.0, 0.25);
        assertThat(b.missingByLevel().get("15min")).containsExactly("kindergarten");
        assertThat(a.covered("15min")).isTrue();
    }

    @Test
    void walkingSpeedTurnsMinutesIntoDistance() {
        LifeCircle lc = new LifeCircle(g).walkingSpeed(80);
        assertThat(lc.thresholdOf("10min")).isEqualTo(800);
        LifeCircleResult r = lc.evaluate(facilities, parcels, levels());
        assertThat(r.levels().get(1).populationShare()).isCloseTo(0.75, within(1e-9)); // B's 510 m ≤ 800 m
        assertThat(new LifeCircle(g).threshold("10min", 505).thresholdOf("10min")).isEqualTo(505);
        assertThatThrownBy(() -> new LifeCircle(g).thresholdOf("7min")).hasMessageContaining("GB 50180");
    }

    @Test
    void missingCategoryAndUnreachableParcelDoNotCrash() {
        List<Feature> withFar = List.of(parcels.get(0), rectangle(0, 900, 50, 950, "population", "50"));
        Map<String, List<String>> req = Map.of("15min", List.of("clinic", "kindergarten"));
        LifeCircleResult r = new LifeCircle(g).evaluate(facilities, withFar, req);
        assertThat(r.parcelsUnreachable()).isEqualTo(1);
        assertThat(r.parcels().get(1).accessPoints()).isZero();
        assertThat(r.parcels().get(1).missingByLevel().get("15min")).containsExactly("clinic", "kindergarten");
        assertThat(r.levels().get(0).populationShare()).isZero(); // nobody reaches a clinic: there is none
        assertThat(r.levels().get(0).categories().get(1).populationShare()).isCloseTo(100 / 150.0, within(1e-9));
    }

    @Test
    void noPopulationMeansAreaSharesOnly() {
        List<Feature> unpeopled = List.of(rectangle(100, 10, 200, 60), rectangle(1500, 10, 1600, 60));
        LifeCircleResult r = new LifeCircle(g).evaluate(facilities, unpeopled, Map.of("5min", List.of("kindergarten")));
        assertThat(r.levels().get(0).populationShare()).isNaN();
        assertThat(r.levels().get(0).areaShare()).isCloseTo(0.5, within(1e-6));
    }
}
