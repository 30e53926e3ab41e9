package org.greenplan.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;
import static org.greenplan.indicator.TestGeo.feature;
import static org.greenplan.indicator.TestGeo.point;
import static org.greenplan.indicator.TestGeo.rect;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.greenplan.kind.LayerKind;
import org.junit.jupiter.api.Test;

/**
 * Two 100 m parcels 2 km apart and hand-placed facilities, each either reaching all of a parcel (its farthest
 * corner within the distance) or none of it; then a parcel reached in part, with the built-up area cutting it.
 */
class LifeCircleCoverageTest {

    private static final String TABLE = """
            # test table
            5min,kindergarten,幼儿园
            10min,primary_school,小学
            10min,vegetable_market|supermarket,菜市场或生鲜超市
            15min,middle_school,初中
            """;

    @Test
    void coveragePerLevelPerCategoryAndMissingPerParcel() throws Exception {
        LifeCircleLevels table = LifeCircleLevels.read(new ByteArrayInputStream(TABLE.getBytes(StandardCharsets.UTF_8)));
        Layers layers = Layers.builder()
                .add(LayerKind.RESIDENTIAL, List.of(
                        feature("p1", rect(0, 0, 100, 100), "population", 1000),
                        feature("p2", rect(2000, 0, 2100, 100), "population", 3000)))
                .add(LayerKind.FACILITY, List.of(
                        feature("k1", point(50, 150), "category", "kindergarten"), // p1: farthest corner 158 m ≤ 300
                        feature("k2", point(2050, 400), "category", "kindergarten"), // p2: nearest 300 m, farthest 403 m
                        feature("s1", point(50, 450), "category", "primary_school"), // p1: farthest 452.8 m
                        feature("m1", point(2050, 400), "category", "supermarket"), // p2: farthest 403.1 m
                        feature("ms1", point(50, 900), "category", "middle_school"), // p1: farthest 901.4 m
                        feature("ms2", point(2050, 900), "category", "middle_school"))) // p2: farthest 901.4 m
                .build();
        IndicatorResult r = new LifeCircleCoverage(Map.of(), table).compute(layers);

        assertThat(r.value()).isCloseTo(100.0, within(1e-9)); // 15min: both reach the middle school
        assertThat(r.measure("all.5min").orElseThrow().value()).isCloseTo(50.0, within(1e-6));
        assertThat(r.measure("population.5min").orElseThrow().value()).isCloseTo(25.0, within(1e-6));
        assertThat(r.measure("all.10min").orElseThrow().value()).isZero();
        assertThat(r.measure("category.10min.primary_school").orElseThrow().value()).isCloseTo(50.0, within(1e-6));
        assertThat(r.measure("category.10min.vegetable_market|supermarket").orElseThrow().value()).isCloseTo(50.0, within(1e-6));

        assertThat(r.findings()).hasSize(2);
        Finding p1 = r.findings().stream().filter(f -> f.featureId().equals("p1")).findFirst().orElseThrow();
        assertThat(p1.details()).containsOnlyKeys("10min", LifeCircleCoverage.COVERED_DETAIL)
                .containsEntry("10min", List.of("vegetable_market|supermarket"));
        assertThat((Double) p1.details().get(LifeCircleCoverage.COVERED_DETAIL)).isCloseTo(10_000, within(1e-6));
        Finding p2 = r.findings().stream().filter(f -> f.featureId().equals("p2")).findFirst().orElseThrow();
        assertThat(p2.details()).containsEntry("5min", List.of("kindergarten")).containsEntry("10min", List.of("primary_school"));
        assertThat(r.notes()).anyMatch(n -> n.startsWith("Euclidean approximation"));

        IndicatorResult five = new LifeCircleCoverage(Map.of("level", "5min"), table).compute(layers);
        assertThat(five.value()).isCloseTo(50.0, within(1e-6));
        assertThat(TestGeo.metres(five.gaps()).getArea()).isCloseTo(10_000, within(0.1)); // p2
        IndicatorResult wider = new LifeCircleCoverage(Map.of("level", "5min", "distance5min", 420), table).compute(layers);
        assertThat(wider.value()).isCloseTo(100.0, within(1e-6));
    }

    /**
     * A 600 m square parcel with a kindergarten at its centre: the 5-minute level (300 m) reaches the disc of
     * 300 m, π·300² of 360,000 m² (78.54 %), where the parcel's interior point used to count it all. With a
     * built-up area covering its lower 150 m, only that strip counts: the disc's segment below a chord 150 m from
     * the centre, r²·acos(d/r) − d·√(r² − d²), of 90,000 m² (61.42 %). Tolerance 0.2 %: a disc drawn with 16
     * segments a quarter circle falls 0.16 % short of the circle.
     */
    @Test
    void partOfAParcelIsReachedAndOnlyTheBuiltUpAreaCounts() throws Exception {
        LifeCircleLevels table = LifeCircleLevels.read(new ByteArrayInputStream(
                "5min,kindergarten,幼儿园\n".getBytes(StandardCharsets.UTF_8)));
        Layers.Builder layers = Layers.builder()
                .add(LayerKind.RESIDENTIAL, List.of(feature("p", rect(0, 0, 600, 600), "population", 3600)))
                .add(LayerKind.FACILITY, List.of(feature("k", point(300, 300), "category", "kindergarten")));
        Map<String, Object> five = Map.of("level", "5min");
        double disc = Math.PI * 300 * 300;
        IndicatorResult whole = new LifeCircleCoverage(five, table).compute(layers.build());
        assertThat(whole.numerator()).isCloseTo(disc, withinPercentage(0.2));
        assertThat(whole.value()).isCloseTo(100 * disc / 360_000, withinPercentage(0.2));
        assertThat(TestGeo.metres(whole.gaps()).getArea()).isCloseTo(360_000 - disc, within(0.002 * disc));
        Finding f = whole.findings().get(0);
        assertThat((Double) f.details().get(LifeCircleCoverage.COVERED_DETAIL)).isCloseTo(disc, withinPercentage(0.2));

        layers.add(LayerKind.BUILT_UP_AREA, List.of(feature("b", rect(-10, -10, 610, 150))));
        double segment = 300 * 300 * Math.acos(0.5) - 150 * Math.sqrt(300 * 300 - 150 * 150);
        IndicatorResult clipped = new LifeCircleCoverage(five, table).compute(layers.build());
        assertThat(clipped.denominator()).isCloseTo(90_000, within(0.01));
        // the segment's arc is a third of the circle: it loses up to the whole disc's 0.16 %, no more
        double slack = 100 * 0.002 * disc / 90_000;
        assertThat(clipped.value()).isCloseTo(100 * segment / 90_000, within(slack));
        assertThat(clipped.measure(Tally.POPULATION_WEIGHTED).orElseThrow().value())
                .isCloseTo(100 * segment / 90_000, within(slack));
        IndicatorResult unclipped = new LifeCircleCoverage(Map.of("level", "5min", "clipToBuiltUp", false), table)
                .compute(layers.build());
        assertThat(unclipped.value()).isCloseTo(whole.value(), within(1e-9));
    }

    @Test
    void defaultTableFollowsGb50180LevelsAndLoads() {
        LifeCircleLevels levels = LifeCircleLevels.defaults();
        assertThat(levels.requirements("5min")).extracting(LifeCircleLevels.Requirement::key).contains("kindergarten");
        assertThat(levels.requirements("10min")).extracting(LifeCircleLevels.Requirement::key)
                .contains("primary_school", "vegetable_market|supermarket");
        assertThat(levels.requirements("15min")).extracting(LifeCircleLevels.Requirement::key)
                .contains("middle_school", "community_health_center");
    }
}
