package org.greenplan.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.greenplan.indicator.TestGeo.feature;
import static org.greenplan.indicator.TestGeo.rect;

import java.util.List;
import org.greenplan.kind.LayerKind;
import org.junit.jupiter.api.Test;

/** Control lines as rectangles; every overlap below is a hand-computed rectangle (±1 m²). */
class ControlLineCheckTest {

    private static final Layers.Builder LINES = Layers.builder()
            .add(LayerKind.ECOLOGICAL_RED_LINE, List.of(feature("red", rect(0, 0, 1000, 1000))))
            .add(LayerKind.PERMANENT_FARMLAND, List.of(feature("farm", rect(2000, 0, 3000, 1000))))
            .add(LayerKind.TOWN_DEVELOPMENT_BOUNDARY, List.of(feature("tdb", rect(-1000, -1000, 1500, 2000))));

    @Test
    void layerConflictsWithAreasSharesAndPieces() {
        Layers layers = Layers.builder()
                .add(LayerKind.ECOLOGICAL_RED_LINE, List.of(feature("red", rect(0, 0, 1000, 1000))))
                .add(LayerKind.PERMANENT_FARMLAND, List.of(feature("farm", rect(2000, 0, 3000, 1000))))
                .add(LayerKind.TOWN_DEVELOPMENT_BOUNDARY, List.of(feature("tdb", rect(-1000, -1000, 1500, 2000))))
                .add(LayerKind.CONSTRUCTION_LAND, List.of(
                        feature("c1", rect(800, 0, 1200, 100)), // 200×100 in the red line, inside the boundary
                        feature("c2", rect(1400, 0, 2200, 100)))) // 200×100 in farmland, 700×100 outside the boundary
                .add(LayerKind.RESIDENTIAL, List.of(feature("r1", rect(900, 500, 1100, 600)))) // 100×100 in the red line
                .build();
        IndicatorResult r = new ControlLineCheck().compute(layers);

        assertThat(r.denominator()).isCloseTo(120_000, within(1.0));
        // any conflict, counted once: 20 000 (c1) + [1500,2200]×[0,100] = 70 000 (c2, farmland part inside it)
        assertThat(r.numerator()).isCloseTo(90_000, within(1.0));
        assertThat(r.value()).isCloseTo(75.0, within(1e-3));
        assertThat(r.measure(ControlLineCheck.CONSTRUCTION_IN_RED_LINE).orElseThrow().numerator()).isCloseTo(20_000, within(1.0));
        assertThat(r.measure(ControlLineCheck.CONSTRUCTION_IN_FARMLAND).orElseThrow().numerator()).isCloseTo(20_000, within(1.0));
        Measure outside = r.measure(ControlLineCheck.CONSTRUCTION_OUTSIDE_BOUNDARY).orElseThrow();
        assertThat(outside.numerator()).isCloseTo(70_000, within(1.0));
        assertThat(outside.value()).isCloseTo(100 * 70_000 / 120_000.0, within(1e-3));
        Measure residential = r.measure(ControlLineCheck.RESIDENTIAL_IN_RED_LINE).orElseThrow();
        assertThat(residential.numerator()).isCloseTo(10_000, within(1.0));
        assertThat(residential.value()).isCloseTo(50.0, within(1e-3));

        assertThat(r.findings()).extracting(Finding::kind, Finding::featureId).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(ControlLineCheck.CONSTRUCTION_IN_RED_LINE, "c1"),
                org.assertj.core.groups.Tuple.tuple(ControlLineCheck.CONSTRUCTION_IN_FARMLAND, "c2"),
                org.assertj.core.groups.Tuple.tuple(ControlLineCheck.CONSTRUCTION_OUTSIDE_BOUNDARY, "c2"),
                org.assertj.core.groups.Tuple.tuple(ControlLineCheck.RESIDENTIAL_IN_RED_LINE, "r1"));
        Finding piece = r.findings().stream().filter(f -> f.featureId().equals("r1")).findFirst().orElseThrow();
        assertThat(TestGeo.metres(piece.geometry()).getArea()).isCloseTo(10_000, within(1.0)); // really lon/lat
        assertThat(piece.geometry().getEnvelopeInternal().getMinX()).isBetween(119.9, 120.1);
    }

    @Test
    void projectInsideTheBoundaryWithoutConflicts() {
        ControlLines lines = ControlLines.of(LINES.build());
        ProjectCheck c = lines.check(rect(-900, -900, -400, 100)); // 500 × 1000 m = 50 ha
        assertThat(c.projectArea()).isCloseTo(500_000, within(1.0));
        assertThat(c.insideDevelopmentBoundary()).isTrue();
        assertThat(c.areaOutsideDevelopmentBoundary()).isLessThan(0.01);
        assertThat(c.overlap("ecological_red_line").area()).isZero();
        assertThat(c.overlap("permanent_farmland").area()).isZero();
        assertThat(c.overlap("town_development_boundary").share()).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void projectCrossingTheRedLineAndTheBoundary() {
        ControlLines lines = ControlLines.of(LINES.build());
        ProjectCheck c = lines.check(rect(700, 500, 1700, 1000)); // 1000 × 500 m = 50 ha
        ProjectCheck.LineOverlap red = c.overlap("ecological_red_line");
        assertThat(red.area()).isCloseTo(150_000, within(1.0)); // [700,1000]×[500,1000]
        assertThat(red.share()).isCloseTo(0.3, within(1e-6));
        assertThat(TestGeo.metres(red.geometry()).getArea()).isCloseTo(150_000, within(1.0));
        assertThat(c.overlap("permanent_farmland").area()).isZero();
        assertThat(c.insideDevelopmentBoundary()).isFalse();
        assertThat(c.areaOutsideDevelopmentBoundary()).isCloseTo(100_000, within(1.0)); // [1500,1700]×[500,1000]
        assertThat(TestGeo.metres(c.outsideDevelopmentBoundary()).getArea()).isCloseTo(100_000, within(1.0));
    }
}
