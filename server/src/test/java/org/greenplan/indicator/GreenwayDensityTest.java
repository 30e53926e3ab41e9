package org.greenplan.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.greenplan.indicator.TestGeo.feature;
import static org.greenplan.indicator.TestGeo.line;
import static org.greenplan.indicator.TestGeo.rect;

import java.util.List;
import org.greenplan.kind.LayerKind;
import org.junit.jupiter.api.Test;

class GreenwayDensityTest {

    @Test
    void kmPerTenThousandPeopleWithDuplicatesCountedOnceAndKmByLevel() {
        Layers layers = Layers.builder().add(LayerKind.GREENWAY, List.of(
                feature("a", line(0, 0, 3000, 0), "level", "区域级"),
                feature("dup", line(0, 0, 1000, 0), "level", "区域"), // same stretch digitised again
                feature("b", line(0, 0, 0, 2000), "level", "城市级"),
                feature("c", line(0, 5000, 500, 5000), "level", "community")))
                .add(LayerKind.ADMIN_AREA, List.of(feature("all", rect(-1000, -1000, 9000, 9000), "population", 55_000)))
                .build();
        IndicatorResult r = new GreenwayDensity().compute(layers);
        // 3 + 2 + 0.5 km over 5.5 × 10 000 people; lengths are along straight metre lines (±1 mm)
        assertThat(r.numerator()).isCloseTo(5.5, within(1e-5));
        assertThat(r.denominator()).isCloseTo(5.5, within(1e-9));
        assertThat(r.value()).isCloseTo(1.0, within(1e-5));
        assertThat(r.measure("length_km.区域级").orElseThrow().value()).isCloseTo(3.0, within(1e-5));
        assertThat(r.measure("length_km.城市级").orElseThrow().value()).isCloseTo(2.0, within(1e-5));
        assertThat(r.measure("length_km.社区级").orElseThrow().value()).isCloseTo(0.5, within(1e-5));
        assertThat(r.measure("km_per_km2").orElseThrow().value()).isCloseTo(5.5 / 100, within(1e-6));
        assertThat(r.breakdown()).singleElement().satisfies(b -> assertThat(b.value()).isCloseTo(1.0, within(1e-5)));
    }

    /**
     * A regional greenway runs 2 km through the jurisdiction and 3 km beyond it; a community greenway lies wholly
     * outside. Only the 2 km inside count, for the total and for its level, against the jurisdiction's people.
     */
    @Test
    void greenwaysCountOnlyInsideTheJurisdiction() {
        Layers layers = Layers.builder().add(LayerKind.GREENWAY, List.of(
                feature("through", line(-1000, 500, 4000, 500), "level", "区域级"),
                feature("beyond", line(5000, 0, 6000, 0), "level", "社区级")))
                .add(LayerKind.ADMIN_AREA, List.of(
                        feature("w", rect(0, 0, 1000, 1000), "population", 10_000),
                        feature("e", rect(1000, 0, 2000, 1000), "population", 10_000)))
                .build();
        IndicatorResult r = new GreenwayDensity().compute(layers);
        assertThat(r.numerator()).isCloseTo(2.0, within(1e-5));
        assertThat(r.value()).isCloseTo(1.0, within(1e-5));
        assertThat(r.measure("length_km.区域级").orElseThrow().value()).isCloseTo(2.0, within(1e-5));
        assertThat(r.measure("length_km.社区级").orElseThrow().value()).isCloseTo(0.0, within(1e-9));
        assertThat(r.breakdown()).allSatisfy(b -> assertThat(b.numerator()).isCloseTo(1.0, within(1e-5)));
        assertThat(r.notes()).anyMatch(n -> n.contains("4.00 km drawn outside"));
    }
}
