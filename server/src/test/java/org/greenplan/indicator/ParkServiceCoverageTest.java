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

/**
 * Hand-computable cases. A "strip park" is a long park whose straight side faces the block: inside the
 * block's y range its buffer edge is the straight line x = side + radius, so the covered area is a
 * rectangle. The only slack is the 1 mm boundary tolerance (≤ 1 m² over a 1 km edge) and the lon/lat
 * round trip (sub-millimetre), hence tolerances of 2 m² on 10⁵–10⁶ m².
 */
class ParkServiceCoverageTest {

    private static final Feature BLOCK = feature("block", rect(0, 0, 1000, 1000));

    /** Park of 100 m × 5 km whose right side is at x = side: 500 m radius, straight over y ∈ [0, 1000]. */
    private static Feature stripPark(String id, double side) {
        return feature(id, rect(side - 100, -2000, side, 3000));
    }

    private static IndicatorResult run(List<Feature> residential, List<Feature> parks) {
        return new ParkServiceCoverage().compute(Layers.builder()
                .add(LayerKind.RESIDENTIAL, residential).add(LayerKind.PARK, parks).build());
    }

    @Test
    void straightBufferEdgeCoversAKnownRectangle() {
        IndicatorResult r = run(List.of(BLOCK), List.of(stripPark("p", -200)));
        // covered = [0, 300] × [0, 1000]
        assertThat(r.numerator()).isCloseTo(300_000, within(2.0));
        assertThat(r.denominator()).isCloseTo(1_000_000, within(1.0));
        assertThat(r.value()).isCloseTo(30.0, within(1e-3));
        assertThat(r.unit()).isEqualTo("%");
        assertThat(TestGeo.metres(r.gaps()).getArea()).isCloseTo(700_000, within(2.0));
        assertThat(r.measuredInEpsg()).isEqualTo(4549);
    }

    @Test
    void compactParkServesARoundedSquareWithinPolygonApproximation() {
        // Park 80 m × 80 m (6400 m² → 500 m) in the middle of a 4 km block: the buffer lies wholly inside.
        Feature big = feature("big", rect(-2000, -2000, 2000, 2000));
        Feature park = feature("p", rect(-40, -40, 40, 40));
        IndicatorResult r = run(List.of(big), List.of(park));
        double s = 80, rad = 500;
        double exact = s * s + 4 * s * rad + Math.PI * rad * rad;
        // JTS draws each 90° corner with 16 chords, so the four corners make a 64-gon of area
        // 2·16·sin(π/32)·r² (0.16% below π r²); the 1 mm tolerance adds perimeter × 0.001 ≈ 3.5 m².
        double polygonal = s * s + 4 * s * rad + 2 * 16 * Math.sin(Math.PI / 32) * rad * rad;
        assertThat(r.numerator()).isCloseTo(exact, within(0.002 * exact));
        assertThat(r.numerator()).isCloseTo(polygonal, within(5.0));
    }

    @Test
    void parcelExactlyAtTheRadiusCountsAsCoveredAndTheNextOneNot() {
        Feature park = feature("p", rect(0, 0, 100, 100)); // 10 000 m² → 500 m
        Feature atRadius = feature("at", rect(500, 0, 600, 100)); // far edge exactly 500 m from the park
        Feature beyond = feature("beyond", rect(600, 0, 700, 100)); // touches the radius from outside
        IndicatorResult r = run(List.of(atRadius, beyond), List.of(park));
        assertThat(r.numerator()).isCloseTo(10_000, within(0.5));
        assertThat(r.value()).isCloseTo(50.0, within(1e-3));
        assertThat(TestGeo.metres(r.gaps()).getArea()).isCloseTo(10_000, within(0.5));
    }

    @Test
    void overlappingServiceAreasCountOnce() {
        // Reaches x = 300 and x = 500: the union covers 500 m of the block (the sum would say 800 m).
        IndicatorResult r = run(List.of(BLOCK), List.of(stripPark("a", -200), stripPark("b", 0)));
        assertThat(r.numerator()).isCloseTo(500_000, within(2.0));
        assertThat(r.value()).isCloseTo(50.0, within(1e-3));
    }

    @Test
    void parksBelowTheThresholdDoNotCountAndMidSizeParksServe300m() {
        Feature tiny = feature("tiny", rect(-40, 0, 0, 40)); // 1600 m² < 2000 m²
        assertThat(run(List.of(BLOCK), List.of(tiny)).value()).isZero();

        Feature mid = feature("mid", rect(-3, 0, 0, 1000)); // 3000 m² → 300 m; straight over y ∈ [0, 1000]
        IndicatorResult r = run(List.of(BLOCK), List.of(mid));
        assertThat(r.numerator()).isCloseTo(300_000, within(2.0));
        assertThat(r.measure("qualifying_parks").orElseThrow().value()).isEqualTo(1);
    }

    @Test
    void gbt51346RuleSetGivesEveryParkAndSquare500mWithoutSizeClasses() {
        // the same 3000 m² park (3 m × 1000 m, straight edge along the block's west side): 300 m under the 2021
        // 城市体检 classes, 500 m under GB/T 51346-2019 4.3.4 → 300 000 vs 500 000 m² of the 1 km² block
        Feature mid = feature("mid", rect(-3, 0, 0, 1000));
        Map<String, String> gbt = Map.of("ruleSet", "gbt51346");
        assertThat(run(List.of(BLOCK), List.of(mid)).numerator()).isCloseTo(300_000, within(2.0));
        assertThat(new ParkServiceCoverage(Map.of("ruleSet", "mohurd2021")).compute(layers(List.of(mid))).numerator())
                .isCloseTo(300_000, within(2.0));
        IndicatorResult g = new ParkServiceCoverage(gbt).compute(layers(List.of(mid)));
        assertThat(g.numerator()).isCloseTo(500_000, within(2.0));
        assertThat(g.value()).isCloseTo(50.0, within(0.001));
        // no size class: a 1600 m² pocket park, which the 城市体检 rule drops, serves 500 m
        Feature tiny = feature("tiny", rect(-1.6, 0, 0, 1000));
        assertThat(run(List.of(BLOCK), List.of(tiny)).value()).isZero();
        assertThat(new ParkServiceCoverage(gbt).compute(layers(List.of(tiny))).numerator()).isCloseTo(500_000, within(2.0));
        // a square (广场用地, class 广场 or G3) of 10 000 m² counts only under GB/T 51346
        for (String squareClass : List.of("广场", "G3")) {
            Feature square = feature("sq", rect(-10, 0, 0, 1000), "class", squareClass);
            IndicatorResult m = run(List.of(BLOCK), List.of(square));
            assertThat(m.value()).as(squareClass).isZero();
            assertThat(m.measure("qualifying_parks").orElseThrow().value()).isZero();
            assertThat(new ParkServiceCoverage(gbt).compute(layers(List.of(square))).numerator()).as(squareClass)
                    .isCloseTo(500_000, within(2.0));
        }
        // siting judges new parks by the same rule: a 3000 m² site serves 300 m, or 500 m under GB/T 51346
        assertThat(ParkCoverageDemand.of(new ParkServiceCoverage(), layers(List.of(mid))).radius(3000)).isEqualTo(300);
        assertThat(ParkCoverageDemand.of(new ParkServiceCoverage(gbt), layers(List.of(mid))).radius(3000)).isEqualTo(500);
        assertThat(ParkCoverageDemand.of(new ParkServiceCoverage(gbt), layers(List.of(mid))).radius(1500)).isEqualTo(500);
        // the catalogue names the default
        assertThat(ParkServiceCoverage.DEFINITION.parameters().stream().filter(p -> p.name().equals("ruleSet"))
                .findFirst().orElseThrow().defaultValue()).isEqualTo("mohurd2021");
        assertThatThrownBy(() -> new ParkServiceCoverage(Map.of("ruleSet", "gb2019")))
                .isInstanceOf(InvalidParameterException.class);
    }

    private static Layers layers(List<Feature> parks) {
        return Layers.builder().add(LayerKind.RESIDENTIAL, List.of(BLOCK)).add(LayerKind.PARK, parks).build();
    }

    @Test
    void historicDistrictRuleIsOffByDefault() {
        Feature historic = feature("h", rect(-1.5, 0, 0, 1000), "historic_district", true); // 1500 m²
        Layers layers = Layers.builder().add(LayerKind.RESIDENTIAL, List.of(BLOCK))
                .add(LayerKind.PARK, List.of(historic)).build();
        assertThat(new ParkServiceCoverage().compute(layers).value()).isZero();
        IndicatorResult on = new ParkServiceCoverage(Map.of("historicDistrictRule", "true")).compute(layers);
        assertThat(on.numerator()).isCloseTo(300_000, within(2.0));
    }

    @Test
    void populationWeightedDiffersFromAreaWeighted() {
        Feature dense = feature("dense", rect(0, 0, 300, 1000), "population", 3000);
        Feature sparse = feature("sparse", rect(300, 0, 1000, 1000), "population", 1000);
        IndicatorResult r = run(List.of(dense, sparse), List.of(stripPark("p", 0))); // covers x ≤ 500
        assertThat(r.value()).isCloseTo(50.0, within(1e-3));
        // dense fully covered (3000); sparse 200 of 700 m covered (1000 · 2/7)
        double covered = 3000 + 1000 * 2.0 / 7.0;
        Measure pop = r.measure(Tally.POPULATION_WEIGHTED).orElseThrow();
        assertThat(pop.numerator()).isCloseTo(covered, within(0.01));
        assertThat(pop.denominator()).isEqualTo(4000);
        assertThat(pop.value()).isCloseTo(100 * covered / 4000, within(1e-3));
    }

    @Test
    void clipsResidentialLandToTheBuiltUpAreaWhenGiven() {
        Feature block = feature("block", rect(0, 0, 1000, 1000), "population", 1000);
        Layers layers = Layers.builder().add(LayerKind.RESIDENTIAL, List.of(block))
                .add(LayerKind.PARK, List.of(stripPark("p", -200))) // covers x ≤ 300
                .add(LayerKind.BUILT_UP_AREA, List.of(feature("bu", rect(0, 0, 600, 1000)))).build();
        IndicatorResult r = new ParkServiceCoverage().compute(layers);
        assertThat(r.denominator()).isCloseTo(600_000, within(1.0));
        assertThat(r.value()).isCloseTo(50.0, within(1e-3)); // 300 of 600 m
        assertThat(r.measure(Tally.POPULATION_WEIGHTED).orElseThrow().denominator()).isCloseTo(600, within(1e-6));
        assertThat(new ParkServiceCoverage(Map.of("clipToBuiltUp", false)).compute(layers).value()).isCloseTo(30.0, within(1e-3));
    }

    @Test
    void breaksDownByTwoAdminAreas() {
        Feature west = feature("w", rect(-5000, -5000, 500, 5000), "name", "西区", "code", "330101", "population", 1);
        Feature east = feature("e", rect(500, -5000, 5000, 5000), "name", "东区", "code", "330102", "population", 1);
        Feature block = feature("block", rect(0, 0, 1000, 1000), "population", 1000);
        IndicatorResult r = new ParkServiceCoverage().compute(Layers.builder()
                .add(LayerKind.RESIDENTIAL, List.of(block)).add(LayerKind.PARK, List.of(stripPark("p", -200)))
                .add(LayerKind.ADMIN_AREA, List.of(west, east)).build());
        assertThat(r.breakdown()).hasSize(2);
        AreaBreakdown w = r.breakdown().get(0);
        AreaBreakdown e = r.breakdown().get(1);
        assertThat(w.areaId()).isEqualTo("330101");
        assertThat(w.areaName()).isEqualTo("西区");
        assertThat(w.denominator()).isCloseTo(500_000, within(1.0));
        assertThat(w.value()).isCloseTo(60.0, within(1e-3)); // 300 of 500 m
        assertThat(w.measures().get(0).numerator()).isCloseTo(300, within(0.01)); // residents: 1000 · 0.3
        assertThat(e.denominator()).isCloseTo(500_000, within(1.0));
        assertThat(e.value()).isCloseTo(0.0, within(1e-6));
    }

    @Test
    void badParametersNameTheParameter() {
        assertThatThrownBy(() -> new ParkServiceCoverage(Map.of("largeParkRadius", -500)))
                .isInstanceOfSatisfying(InvalidParameterException.class,
                        e -> assertThat(e.parameter()).isEqualTo("largeParkRadius"))
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> new ParkServiceCoverage(Map.of("smallParkMinArea", 9000)))
                .isInstanceOfSatisfying(InvalidParameterException.class,
                        e -> assertThat(e.parameter()).isEqualTo("smallParkMinArea"));
        assertThatThrownBy(() -> new ParkServiceCoverage(Map.of("radius", 300)))
                .isInstanceOfSatisfying(InvalidParameterException.class,
                        e -> assertThat(e.parameter()).isEqualTo("radius"));
        assertThatThrownBy(() -> new ParkServiceCoverage(Map.of("smallParkRadius", "abc")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("smallParkRadius");
    }

    /**
     * A 6,000 m² park drawn as two 3,000 m² pieces 10 m apart: with one name it is one park and serves 500 m, exactly
     * as two pieces that each qualify as large would; without a name, or 30 m apart, each piece is a small park of
     * 300 m. The pieces used to be measured one by one.
     */
    @Test
    void aParkDrawnInPiecesIsOnePark() {
        Feature west = feature("w", rect(-160, 400, -110, 460), "name", "湖滨公园");
        Feature east = feature("e", rect(-100, 400, -50, 460), "name", "湖滨公园 ");
        Feature eastFar = feature("e2", rect(-80, 400, -30, 460), "name", "湖滨公园");
        Feature westAnon = feature("w0", rect(-160, 400, -110, 460));
        Feature eastAnon = feature("e0", rect(-100, 400, -50, 460));
        Layers named = Layers.builder().add(LayerKind.RESIDENTIAL, List.of(BLOCK)).add(LayerKind.PARK, List.of(west, east)).build();
        Layers anonymous = Layers.builder().add(LayerKind.RESIDENTIAL, List.of(BLOCK))
                .add(LayerKind.PARK, List.of(westAnon, eastAnon)).build();
        Layers apart = Layers.builder().add(LayerKind.RESIDENTIAL, List.of(BLOCK)).add(LayerKind.PARK, List.of(west, eastFar)).build();
        double asLarge = new ParkServiceCoverage(Map.of("largeParkMinArea", 2900)).compute(anonymous).numerator();
        double asSmall = new ParkServiceCoverage().compute(anonymous).numerator();
        assertThat(asLarge).isGreaterThan(asSmall * 1.5);
        assertThat(new ParkServiceCoverage().compute(named).numerator()).isCloseTo(asLarge, within(1e-6));
        double apartSmall = new ParkServiceCoverage().compute(apart).numerator();
        assertThat(new ParkServiceCoverage(Map.of("largeParkMinArea", 7000)).compute(apart).numerator())
                .isCloseTo(apartSmall, within(1e-6));
        assertThat(apartSmall).isLessThan(asLarge);
    }
}
