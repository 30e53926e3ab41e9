package org.greenplan.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.greenplan.indicator.TestGeo.feature;
import static org.greenplan.indicator.TestGeo.rect;

import java.util.List;
import org.greenplan.kind.LayerKind;
import org.junit.jupiter.api.Test;

class ForestCoverageTest {

    /**
     * Two 1 km × 1 km communities (2 km²). Forest: 600 m × 1000 m in the west one, a 200 m × 1000 m patch drawn
     * again over part of it (counted once), 400 m × 500 m straddling into the east one, and 1 km² outside both.
     * Inside: west 0.6 km² (the straddling patch starts at x = 1000), east 0.2 km² → 0.8 ÷ 2 = 40 %.
     */
    @Test
    void forestInsideTheJurisdictionOverItsAreaWithOverlapsCountedOnce() {
        Layers layers = Layers.builder().add(LayerKind.FOREST, List.of(
                feature("w", rect(0, 0, 600, 1000)),
                feature("again", rect(400, 0, 600, 1000)),
                feature("e", rect(1000, 0, 1400, 500)),
                feature("beyond", rect(3000, 0, 4000, 1000))))
                .add(LayerKind.ADMIN_AREA, List.of(
                        feature("west", rect(0, 0, 1000, 1000), "code", "W"),
                        feature("east", rect(1000, 0, 2000, 1000), "code", "E")))
                .build();
        IndicatorResult r = new ForestCoverage().compute(layers);
        // areas of metre rectangles through the GK round trip agree to well under 1 m² in 2 km²
        assertThat(r.numerator()).isCloseTo(800_000, within(1.0));
        assertThat(r.denominator()).isCloseTo(2_000_000, within(1.0));
        assertThat(r.value()).isCloseTo(40.0, within(1e-4));
        assertThat(r.unit()).isEqualTo("%");
        assertThat(r.breakdown()).extracting(AreaBreakdown::value).satisfiesExactly(
                w -> assertThat(w).isCloseTo(60.0, within(1e-4)),
                e -> assertThat(e).isCloseTo(20.0, within(1e-4)));
    }

    @Test
    void withoutAdminAreasThereIsNoLandAreaAndNoValue() {
        IndicatorResult r = new ForestCoverage().compute(Layers.builder()
                .add(LayerKind.FOREST, List.of(feature("f", rect(0, 0, 100, 100)))).build());
        assertThat(r.hasValue()).isFalse();
        assertThat(r.noDataReason()).contains("No admin areas");
    }
}
