package org.greenplan.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.greenplan.indicator.TestGeo.feature;
import static org.greenplan.indicator.TestGeo.point;
import static org.greenplan.indicator.TestGeo.rect;

import java.util.List;
import org.greenplan.kind.LayerKind;
import org.junit.jupiter.api.Test;

/** The three community coverages of the 美丽城镇 annex (003…:144–146) on hand-drawn communities. */
class CommunityCoverageTest {

    /**
     * A row of 1 km squares: A (code …001, 社区), B (…002, 社区), C (no code, level 社区), D (…201, 村); above them E
     * (…000, the 街道 itself, not a community) holding one facility of every kind, which serves none of them.
     * Kindergartens in A and C; a day-care centre in A and one in B; a health centre in D.
     */
    private static Layers town() {
        return Layers.builder().add(LayerKind.ADMIN_AREA, List.of(
                feature("a", rect(0, 0, 1000, 1000), "code", "330110001001", "name", "A社区"),
                feature("b", rect(1000, 0, 2000, 1000), "code", "330110001002", "name", "B社区"),
                feature("c", rect(2000, 0, 3000, 1000), "level", "社区", "name", "C社区"),
                feature("d", rect(3000, 0, 4000, 1000), "code", "330110001201", "name", "D村"),
                feature("e", rect(0, 1000, 4000, 2000), "code", "330110001000", "name", "E街道")))
                .add(LayerKind.FACILITY, List.of(
                        feature("k1", point(500, 500), "category", "kindergarten"),
                        feature("k2", point(2500, 500), "category", "kindergarten"),
                        feature("dc1", point(900, 500), "category", "day_care_center"),
                        feature("dc2", point(1100, 500), "category", "day_care_center"),
                        feature("h", point(3500, 500), "category", "community_health_center"),
                        feature("ek", point(100, 1500), "category", "kindergarten"),
                        feature("ed", point(200, 1500), "category", "day_care_center"),
                        feature("eh", point(300, 1500), "category", "community_health_center")))
                .build();
    }

    @Test
    void childcareCountsUrbanCommunitiesWithAKindergartenInside() {
        IndicatorResult r = new ChildcareCoverage().compute(town());
        // urban communities A, B, C (D is a village, E a 街道); A and C have one: 2 of 3
        assertThat(r.numerator()).isEqualTo(2.0);
        assertThat(r.denominator()).isEqualTo(3.0);
        assertThat(r.value()).isCloseTo(200.0 / 3, within(1e-9));
        assertThat(r.breakdown()).extracting(AreaBreakdown::areaName, AreaBreakdown::value).containsExactly(
                org.assertj.core.groups.Tuple.tuple("A社区", 100.0), org.assertj.core.groups.Tuple.tuple("B社区", 0.0),
                org.assertj.core.groups.Tuple.tuple("C社区", 100.0));
        assertThat(r.findings()).singleElement().satisfies(f -> assertThat(f.featureId()).isEqualTo("330110001002"));
        // the gap is B: 1 km² (±1 m² through the projection round trip)
        assertThat(TestGeo.metres(r.gaps()).getArea()).isCloseTo(1_000_000, within(1.0));
    }

    @Test
    void homeCareAndHealthCountCommunitiesAndVillages() {
        IndicatorResult care = new HomeCareCoverage().compute(town());
        // A, B, C, D; A and B have a centre: 2 of 4
        assertThat(care.numerator()).isEqualTo(2.0);
        assertThat(care.denominator()).isEqualTo(4.0);
        assertThat(care.value()).isCloseTo(50.0, within(1e-9));
        IndicatorResult health = new HealthCentreCoverage().compute(town());
        assertThat(health.value()).isCloseTo(25.0, within(1e-9));
        assertThat(health.findings()).extracting(Finding::featureId)
                .containsExactly("330110001001", "330110001002", "c");
    }

    @Test
    void withoutCommunityLevelAreasThereIsNoValue() {
        IndicatorResult r = new ChildcareCoverage().compute(Layers.builder()
                .add(LayerKind.ADMIN_AREA, List.of(feature("e", rect(0, 0, 10, 10), "code", "330110001000")))
                .add(LayerKind.FACILITY, List.of(feature("k", point(5, 5), "category", "kindergarten"))).build());
        assertThat(r.hasValue()).isFalse();
        assertThat(r.noDataReason()).contains("community level");
    }
}
