package org.greenplan.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.greenplan.indicator.TestGeo.feature;
import static org.greenplan.indicator.TestGeo.line;
import static org.greenplan.indicator.TestGeo.rect;

import java.util.List;
import org.greenplan.kind.LayerKind;
import org.junit.jupiter.api.Test;

class GreenwayLengthTest {

    /**
     * Two 1 km squares side by side. A regional greenway runs from x = -1000 to 4000 (2 km inside), a city one
     * 0.8 km north–south in the west square, drawn twice (counted once), and a community one wholly outside:
     * 2.8 km in total, 1.8 west and 1.0 east; the 3 + 1 km drawn outside are not counted.
     */
    @Test
    void kmInsideTheJurisdictionDissolvedAndByLevel() {
        Layers layers = Layers.builder().add(LayerKind.GREENWAY, List.of(
                feature("through", line(-1000, 500, 4000, 500), "level", "区域级"),
                feature("ns", line(200, 100, 200, 900), "level", "城市级"),
                feature("ns-again", line(200, 100, 200, 900), "level", "city"),
                feature("beyond", line(5000, 0, 6000, 0), "level", "社区级")))
                .add(LayerKind.ADMIN_AREA, List.of(
                        feature("w", rect(0, 0, 1000, 1000), "code", "W"),
                        feature("e", rect(1000, 0, 2000, 1000), "code", "E")))
                .build();
        IndicatorResult r = new GreenwayLength().compute(layers);
        assertThat(r.value()).isCloseTo(2.8, within(1e-5));
        assertThat(r.unit()).isEqualTo("km");
        assertThat(r.measure("length_km.区域级").orElseThrow().value()).isCloseTo(2.0, within(1e-5));
        assertThat(r.measure("length_km.城市级").orElseThrow().value()).isCloseTo(0.8, within(1e-5));
        assertThat(r.measure("length_km.社区级").orElseThrow().value()).isCloseTo(0.0, within(1e-9));
        assertThat(r.breakdown()).extracting(AreaBreakdown::value).satisfiesExactly(
                w -> assertThat(w).isCloseTo(1.8, within(1e-5)),
                e -> assertThat(e).isCloseTo(1.0, within(1e-5)));
        assertThat(r.notes()).anyMatch(n -> n.contains("4.00 km drawn outside"));
        // the density reads the same km: one clipping rule for both greenway indicators
        assertThat(new GreenwayDensity().compute(layers).numerator()).isCloseTo(r.value(), within(1e-9));
    }

    @Test
    void noGreenwaysGivenIsNoValueButNoneInsideIsZero() {
        assertThat(new GreenwayLength().compute(Layers.builder()
                .add(LayerKind.ADMIN_AREA, List.of(feature("a", rect(0, 0, 10, 10)))).build()).hasValue()).isFalse();
        IndicatorResult outside = new GreenwayLength().compute(Layers.builder()
                .add(LayerKind.GREENWAY, List.of(feature("g", line(500, 0, 900, 0))))
                .add(LayerKind.ADMIN_AREA, List.of(feature("a", rect(0, 100, 10, 110)))).build());
        assertThat(outside.value()).isEqualTo(0.0);
    }
}
