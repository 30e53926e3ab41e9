package org.greenplan.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.greenplan.indicator.TestGeo.feature;
import static org.greenplan.indicator.TestGeo.rect;

import java.util.List;
import java.util.Map;
import org.greenplan.geo.Feature;
import org.greenplan.kind.LayerKind;
import org.junit.jupiter.api.Test;

/** Green space ratio, park area per capita, sponge share, development intensity on rectangles (m², ±1 m²). */
class AreaRatiosTest {

    private static final Feature BUILT_UP = feature("bu", rect(0, 0, 1000, 1000)); // 1 000 000 m²
    private static final Feature WEST = feature("w", rect(-5000, -5000, 500, 5000), "name", "西区", "code", "W", "population", 5000);
    private static final Feature EAST = feature("e", rect(500, -5000, 5000, 5000), "name", "东区", "code", "E", "population", 6000);

    @Test
    void greenSpaceRatioDissolvesOverlapsAndClipsToTheBuiltUpArea() {
        Layers layers = Layers.builder().add(LayerKind.BUILT_UP_AREA, List.of(BUILT_UP))
                .add(LayerKind.PARK, List.of(feature("p1", rect(0, 0, 200, 500)), feature("p2", rect(900, 0, 1100, 100))))
                .add(LayerKind.GREEN_SPACE, List.of(feature("g", rect(100, 0, 300, 500))))
                .add(LayerKind.ADMIN_AREA, List.of(WEST, EAST)).build();
        IndicatorResult r = new GreenSpaceRatio().compute(layers);
        // [0,300]×[0,500] = 150 000 (overlap once) + [900,1000]×[0,100] = 10 000 (half outside the 建成区)
        assertThat(r.numerator()).isCloseTo(160_000, within(1.0));
        assertThat(r.denominator()).isCloseTo(1_000_000, within(1.0));
        assertThat(r.value()).isCloseTo(16.0, within(1e-4));
        assertThat(r.breakdown().get(0).value()).isCloseTo(30.0, within(1e-4)); // 150 000 / 500 000
        assertThat(r.breakdown().get(1).value()).isCloseTo(2.0, within(1e-4)); // 10 000 / 500 000
    }

    @Test
    void parkAreaPerCapitaUsesAdminPopulationElseResidents() {
        List<Feature> parks = List.of(feature("p1", rect(0, 0, 200, 500)), feature("p2", rect(900, 0, 1100, 100)));
        Layers withAdmin = Layers.builder().add(LayerKind.BUILT_UP_AREA, List.of(BUILT_UP)).add(LayerKind.PARK, parks)
                .add(LayerKind.ADMIN_AREA, List.of(WEST, EAST)).build();
        IndicatorResult r = new ParkAreaPerCapita().compute(withAdmin);
        assertThat(r.numerator()).isCloseTo(110_000, within(1.0));
        assertThat(r.denominator()).isEqualTo(11_000);
        assertThat(r.value()).isCloseTo(10.0, within(1e-4));
        assertThat(r.unit()).isEqualTo("m2/person");
        assertThat(r.breakdown().get(0).value()).isCloseTo(20.0, within(1e-4)); // 100 000 / 5000
        assertThat(r.breakdown().get(1).value()).isCloseTo(10_000.0 / 6000, within(1e-4));

        Layers withResidents = Layers.builder().add(LayerKind.BUILT_UP_AREA, List.of(BUILT_UP)).add(LayerKind.PARK, parks)
                .add(LayerKind.RESIDENTIAL, List.of(feature("r", rect(400, 400, 600, 600), "population", 22_000))).build();
        assertThat(new ParkAreaPerCapita().compute(withResidents).value()).isCloseTo(5.0, within(1e-4));
    }

    @Test
    void spongeShareWithAndWithoutTheRunoffThreshold() {
        Layers layers = Layers.builder().add(LayerKind.BUILT_UP_AREA, List.of(BUILT_UP)).add(LayerKind.SPONGE_ZONE, List.of(
                feature("a", rect(0, 0, 500, 1000), "runoff_control_rate", 80),
                feature("b", rect(500, 0, 1000, 500), "runoff_control_rate", 0.6), // a fraction: 60%
                feature("c", rect(500, 500, 1000, 1000)))).build();
        assertThat(new SpongeCityShare().compute(layers).value()).isCloseTo(100.0, within(1e-4));

        IndicatorResult strict = new SpongeCityShare(Map.of("minRunoffControlRate", 70)).compute(layers);
        assertThat(strict.value()).isCloseTo(50.0, within(1e-4));
        assertThat(TestGeo.metres(strict.gaps()).getArea()).isCloseTo(500_000, within(1.0));
        assertThat(strict.notes()).anyMatch(n -> n.startsWith("1 sponge zones have no runoff_control_rate"));

        IndicatorResult lenient = new SpongeCityShare(Map.of("minRunoffControlRate", 60)).compute(layers);
        assertThat(lenient.value()).isCloseTo(75.0, within(1e-4));
    }

    @Test
    void spongeThresholdAbove100IsRefused() {
        assertThatThrownBy(() -> new SpongeCityShare(Map.of("minRunoffControlRate", 150)))
                .isInstanceOfSatisfying(InvalidParameterException.class,
                        e -> assertThat(e.parameter()).isEqualTo("minRunoffControlRate"));
    }

    @Test
    void developmentIntensityOverAdminAreasOrAnAreaOfInterest() {
        List<Feature> construction = List.of(feature("c1", rect(0, 0, 1000, 1000)), feature("c2", rect(2000, 0, 3000, 1000)));
        IndicatorResult r = new DevelopmentIntensity().compute(Layers.builder()
                .add(LayerKind.CONSTRUCTION_LAND, construction).add(LayerKind.ADMIN_AREA, List.of(WEST, EAST)).build());
        assertThat(r.denominator()).isCloseTo(1e8, within(10.0));
        assertThat(r.value()).isCloseTo(2.0, within(1e-4));
        assertThat(r.breakdown().get(0).value()).isCloseTo(100 * 0.5e6 / 5.5e7, within(1e-4));
        assertThat(r.breakdown().get(1).value()).isCloseTo(100 * 1.5e6 / 4.5e7, within(1e-4));

        IndicatorResult aoi = new DevelopmentIntensity().compute(Layers.builder()
                .add(LayerKind.CONSTRUCTION_LAND, construction).areaOfInterest(rect(0, 0, 4000, 5000)).build());
        assertThat(aoi.value()).isCloseTo(10.0, within(1e-4)); // 2e6 / 2e7
    }
}
