package org.greenplan.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
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
 * Two 100 m parcels 2 km apart (interior points (50,50) and (2050,50)) and hand-placed facilities.
 * Distances are exact on the metre grid; the 1 mm tolerance only matters for the facility placed at
 * exactly 1000 m.
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
                        feature("k1", point(50, 340), "category", "kindergarten"), // p1: 290 m ≤ 300
                        feature("k2", point(2050, 360), "category", "kindergarten"), // p2: 310 m > 300
                        feature("s1", point(50, 549), "category", "primary_school"), // p1: 499 m
                        feature("m1", point(2050, 450), "category", "supermarket"), // p2: 400 m
                        feature("ms", point(1050, 50), "category", "middle_school"))) // both: exactly 1000 m
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
        assertThat(p1.details()).isEqualTo(Map.of("10min", List.of("vegetable_market|supermarket")));
        Finding p2 = r.findings().stream().filter(f -> f.featureId().equals("p2")).findFirst().orElseThrow();
        assertThat(p2.details()).isEqualTo(Map.of("5min", List.of("kindergarten"), "10min", List.of("primary_school")));
        assertThat(r.notes()).anyMatch(n -> n.startsWith("Euclidean approximation"));

        IndicatorResult five = new LifeCircleCoverage(Map.of("level", "5min"), table).compute(layers);
        assertThat(five.value()).isCloseTo(50.0, within(1e-6));
        assertThat(TestGeo.metres(five.gaps()).getArea()).isCloseTo(10_000, within(0.1)); // p2
        IndicatorResult wider = new LifeCircleCoverage(Map.of("level", "5min", "distance5min", 320), table).compute(layers);
        assertThat(wider.value()).isCloseTo(100.0, within(1e-6));
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
