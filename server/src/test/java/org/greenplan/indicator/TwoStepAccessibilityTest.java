package org.greenplan.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.greenplan.indicator.TestGeo.feature;
import static org.greenplan.indicator.TestGeo.line;
import static org.greenplan.indicator.TestGeo.point;
import static org.greenplan.indicator.TestGeo.rect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.greenplan.geo.Feature;
import org.greenplan.kind.LayerKind;
import org.greenplan.network.EdgeSnapper;
import org.greenplan.network.GraphWalkingNetwork;
import org.greenplan.network.WalkGraphBuilder;
import org.junit.jupiter.api.Test;

/**
 * accessibility_2sfca: the two-step floating catchment on fixtures small enough to work out by hand, and against a
 * second, deliberately naive implementation (a full distance matrix, the textbook formulas written out again).
 */
class TwoStepAccessibilityTest {

    private static final double EXACT = 1e-9;

    /**
     * Two sites, three units, catchment 1000 m: site 0 (supply 100) is 0 m from unit 0 and 400 m from unit 1; site 1
     * (supply 50) is 600 m from unit 1 and 300 m from unit 2; residents 100, 200, 300.
     * <pre>
     * step:   R0 = 100 / (100 + 200) = 1/3          R1 = 50 / (200 + 300) = 1/10
     *         A  = 1/3, 1/3 + 1/10 = 13/30, 1/10     mean = (100/3 + 200·13/30 + 300/10) / 600 = 150/600 = 1/4
     * linear: w = 1 − d/1000: site 0 → 1, 0.6; site 1 → 0.4, 0.7
     *         R0 = 100 / (100 + 120) = 5/11         R1 = 50 / (80 + 210) = 5/29
     *         A  = 5/11, 0.6·5/11 + 0.4·5/29 = 3/11 + 2/29 = 109/319, 0.7·5/29 = 7/58
     *         mean = (500/11 + 200·109/319 + 2100/58) / 600 = 150/600 = 1/4 again: every supply is handed out once
     * </pre>
     */
    @Test
    void theTwoStepsOnAHandComputedInstance() {
        double[] supply = {100, 50};
        double[] reach = {1000, 1000};
        double[] demand = {100, 200, 300};
        List<FloatingCatchment.Link> links = List.of(new FloatingCatchment.Link(0, 0, 0),
                new FloatingCatchment.Link(0, 1, 400), new FloatingCatchment.Link(1, 1, 600),
                new FloatingCatchment.Link(1, 2, 300));

        FloatingCatchment.Result step = FloatingCatchment.compute(supply, reach, demand, links, DistanceDecay.STEP);
        assertThat(step.ratio()[0]).isCloseTo(1.0 / 3, within(EXACT));
        assertThat(step.ratio()[1]).isCloseTo(0.1, within(EXACT));
        assertThat(step.accessibility()[0]).isCloseTo(1.0 / 3, within(EXACT));
        assertThat(step.accessibility()[1]).isCloseTo(13.0 / 30, within(EXACT));
        assertThat(step.accessibility()[2]).isCloseTo(0.1, within(EXACT));
        assertThat(mean(step.accessibility(), demand)).isCloseTo(0.25, within(EXACT));
        assertThat(step.sitesInReach()).containsExactly(1, 2, 1);

        FloatingCatchment.Result linear = FloatingCatchment.compute(supply, reach, demand, links, DistanceDecay.LINEAR);
        assertThat(linear.ratio()[0]).isCloseTo(5.0 / 11, within(EXACT));
        assertThat(linear.ratio()[1]).isCloseTo(5.0 / 29, within(EXACT));
        assertThat(linear.accessibility()[0]).isCloseTo(5.0 / 11, within(EXACT));
        assertThat(linear.accessibility()[1]).isCloseTo(109.0 / 319, within(EXACT));
        assertThat(linear.accessibility()[2]).isCloseTo(7.0 / 58, within(EXACT));
        assertThat(mean(linear.accessibility(), demand)).isCloseTo(0.25, within(EXACT));

        // gaussian: w(400) = (e^−0.08 − e^−0.5) / (1 − e^−0.5) = (0.9231163 − 0.6065307) / 0.3934693 = 0.8046006…;
        // the same sum rule holds
        FloatingCatchment.Result gauss = FloatingCatchment.compute(supply, reach, demand, links, DistanceDecay.GAUSSIAN);
        assertThat(DistanceDecay.GAUSSIAN.weight(400, 1000)).isCloseTo(0.8046006, within(1e-7));
        assertThat(DistanceDecay.GAUSSIAN.weight(0, 1000)).isEqualTo(1.0);
        assertThat(DistanceDecay.GAUSSIAN.weight(1000, 1000)).isCloseTo(0.0, within(EXACT));
        assertThat(DistanceDecay.GAUSSIAN.weight(1000.5, 1000)).isEqualTo(0.0);
        assertThat(mean(gauss.accessibility(), demand)).isCloseTo(0.25, within(EXACT));
    }

    /** A site no resident reaches supplies no one (its ratio is 0, not a division by zero). */
    @Test
    void aSiteWithoutResidentsInReachServesNoOne() {
        FloatingCatchment.Result r = FloatingCatchment.compute(new double[] {10, 7}, new double[] {100, 100},
                new double[] {0, 5}, List.of(new FloatingCatchment.Link(0, 0, 10), new FloatingCatchment.Link(1, 1, 10)),
                DistanceDecay.STEP);
        assertThat(r.ratio()).containsExactly(0.0, 7.0 / 5);
        assertThat(r.accessibility()).containsExactly(0.0, 7.0 / 5);
    }

    /** 60 random instances (sites, units, distances beyond reach included) against the naive matrix version. */
    @Test
    void agreesWithANaiveMatrixImplementationOnRandomInstances() {
        Random rnd = new Random(18);
        for (int run = 0; run < 60; run++) {
            int sites = 1 + rnd.nextInt(8), units = 1 + rnd.nextInt(15);
            double[] supply = new double[sites], reach = new double[sites], demand = new double[units];
            double[][] d = new double[sites][units];
            List<FloatingCatchment.Link> links = new ArrayList<>();
            for (int j = 0; j < sites; j++) {
                supply[j] = 1 + rnd.nextInt(5000);
                reach[j] = 200 + rnd.nextInt(900);
                for (int i = 0; i < units; i++) {
                    d[j][i] = rnd.nextDouble() * 1500;
                    if (d[j][i] <= reach[j]) {
                        links.add(new FloatingCatchment.Link(j, i, d[j][i]));
                    }
                }
            }
            for (int i = 0; i < units; i++) {
                demand[i] = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(3000);
            }
            for (String decay : List.of("step", "linear", "gaussian")) {
                double[] expected = naive(supply, reach, demand, d, decay);
                double[] got = FloatingCatchment.compute(supply, reach, demand, links, DistanceDecay.of(decay)).accessibility();
                for (int i = 0; i < units; i++) {
                    assertThat(got[i]).as("run %d %s unit %d", run, decay, i).isCloseTo(expected[i], within(EXACT));
                }
            }
        }
    }

    /**
     * The indicator on geometry, straight line, category kindergarten (5-minute level: 300 m). Parcels 100 m × 100 m
     * at x = 0, 400, 800, 2000 with 100, 200, 300, 400 residents; kindergarten K1 at (150, 50) with capacity 100, K2
     * at (700, 50) without one (supply 1). K1 is 50 m from A, 250 m from B, 650 m from C; K2 200 m from B, 100 m from
     * C, 600 m from A; D is 1.9 km from both.
     * <pre>
     * R1 = 100 / (100 + 200) = 1/3, R2 = 1 / (200 + 300) = 1/500
     * A = 1/3, 1/3 + 1/500, 1/500, 0 → ×1000: 333.33…, 335.33…, 2, 0 per 1,000 residents
     * value = 1000 · (100 + 1) / 1000 residents = 101 per 1,000 residents; D's 400 residents (40 %) reach none
     * quantiles (sorted D 400, C 300, A 100, B 200 of 1000): p10, p25 = 0; p50 = 2; p75 = 333.33…; p90 = 335.33…
     * west area (x < 425): A whole, a quarter of B (50) → (100/3 + 50·(1/3 + 1/500)) / 150 · 1000 = 50.1/150 · 1000 = 334,
     *   its median A's 333.33… (A holds 100 of its 150 residents)
     * east area: 3/4 of B (150), C, D → (150·(1/3 + 1/500) + 300/500) / 850 · 1000 = 50.9/850 · 1000 = 59.88…, median C's 2
     * </pre>
     */
    @Test
    void facilitiesOnAHandDrawnTownInAStraightLine() {
        IndicatorResult r = new TwoStepAccessibility(Map.of("category", "kindergarten", "mode", "euclidean"))
                .compute(town().build());
        assertThat(r.unit()).isEqualTo("per 1000 persons");
        assertThat(r.value()).isCloseTo(101.0, within(EXACT));
        assertThat(r.numerator()).isCloseTo(101.0, within(EXACT)); // Σ P·A = the capacity reached: 100 + 1
        assertThat(r.denominator()).isCloseTo(1000, within(EXACT));
        assertThat(r.measure("residents_without_access").orElseThrow().value()).isCloseTo(40.0, within(EXACT));
        assertThat(r.measure("p10").orElseThrow().value()).isCloseTo(0.0, within(EXACT));
        assertThat(r.measure("p25").orElseThrow().value()).isCloseTo(0.0, within(EXACT));
        assertThat(r.measure("p50").orElseThrow().value()).isCloseTo(2.0, within(EXACT));
        assertThat(r.measure("p75").orElseThrow().value()).isCloseTo(1000.0 / 3, within(EXACT));
        assertThat(r.measure("p90").orElseThrow().value()).isCloseTo(1000.0 / 3 + 2, within(EXACT));
        Map<String, Double> perParcel = new HashMap<>();
        r.findings().forEach(f -> perParcel.put(f.featureId(), (Double) f.details().get("accessibility")));
        assertThat(perParcel.get("A")).isCloseTo(1000.0 / 3, within(EXACT));
        assertThat(perParcel.get("B")).isCloseTo(1000.0 / 3 + 2, within(EXACT));
        assertThat(perParcel.get("C")).isCloseTo(2.0, within(EXACT));
        assertThat(perParcel.get("D")).isEqualTo(0.0);
        assertThat(r.findings()).allSatisfy(f -> assertThat(f.geometry()).isNotNull());
        // the gap is D, the one parcel no kindergarten reaches (10,000 m² up to the lon/lat round trip)
        assertThat(TestGeo.metres(r.gaps()).getArea()).isCloseTo(10_000, within(0.01));
        // per admin area: B split 1:3 by area (the overlay of round-tripped squares: 1e-6)
        AreaBreakdown west = r.breakdown().get(0), east = r.breakdown().get(1);
        assertThat(west.value()).isCloseTo(334.0, within(1e-6));
        assertThat(east.value()).isCloseTo(1000 * 50.9 / 850, within(1e-6));
        assertThat(west.measures()).filteredOn(m -> m.id().equals("p50")).singleElement()
                .satisfies(m -> assertThat(m.value()).isCloseTo(1000.0 / 3, within(EXACT)));
        assertThat(east.measures()).filteredOn(m -> m.id().equals("p50")).singleElement()
                .satisfies(m -> assertThat(m.value()).isCloseTo(2.0, within(EXACT)));
    }

    /**
     * The same town walked along one street 20 m south of the parcels (y = −20). K1 snaps 70 m off the street, each
     * parcel 20 m: A → K1 = 20 + 50 + 70 = 140 m; B → K1 = 20 + 250 + 70 = 340 m, beyond 300 m; B → K2 = 20 + 200 + 70
     * = 290 m; C → K2 = 20 + 100 + 70 = 190 m. So R1 = 100/100 = 1, R2 = 1/500: A = 1000, B = C = 2 per 1,000, and
     * the mean is still 101 (every supply is still handed out, now to fewer people each).
     */
    @Test
    void facilitiesWalkedAlongTheStreet() {
        List<Feature> roads = List.of(feature("street", line(-200, -20, 2300, -20), "highway", "residential"));
        var graph = new WalkGraphBuilder().build(roads);
        Layers layers = town().network(new GraphWalkingNetwork(graph, EdgeSnapper.DEFAULT_MAX_SNAP_METRES, "test street"))
                .build();
        IndicatorResult r = new TwoStepAccessibility(Map.of("category", "kindergarten", "mode", "network"))
                .compute(layers);
        Map<String, Double> perParcel = new HashMap<>();
        r.findings().forEach(f -> perParcel.put(f.featureId(), (Double) f.details().get("accessibility")));
        assertThat(perParcel.get("A")).isCloseTo(1000.0, within(EXACT));
        assertThat(perParcel.get("B")).isCloseTo(2.0, within(EXACT));
        assertThat(perParcel.get("C")).isCloseTo(2.0, within(EXACT));
        assertThat(r.value()).isCloseTo(101.0, within(EXACT));
        assertThat(r.notes()).anyMatch(n -> n.contains("test street"));
    }

    /**
     * Parks: supply = area within the size-class radius. Park P 100 m × 60 m (6,000 m² → 500 m) 200 m east of parcel
     * A (one parcel, 500 residents): A = 6000 / 500 = 12 m² per resident. A 1,500 m² park next to A supplies nothing
     * (below 2,000 m²), nor does a square.
     */
    @Test
    void parksSupplyTheirAreaWithinTheirServiceRadius() {
        Layers layers = Layers.builder()
                .add(LayerKind.RESIDENTIAL, List.of(feature("A", rect(0, 0, 100, 100), "population", 500)))
                .add(LayerKind.PARK, List.of(feature("P", rect(300, 0, 400, 60)),
                        feature("small", rect(0, 110, 50, 140)),
                        feature("square", rect(0, 150, 100, 250), "class", "广场")))
                .build();
        IndicatorResult r = new TwoStepAccessibility(Map.of("mode", "euclidean")).compute(layers);
        assertThat(r.unit()).isEqualTo("m2/person");
        assertThat(r.value()).isCloseTo(12.0, within(1e-5)); // the park's area after the lon/lat round trip
        assertThat(r.measure("sites").orElseThrow().value()).isEqualTo(1.0);
        // one catchment for every park: with reach=150 m P is out of reach, the small park counts
        IndicatorResult near = new TwoStepAccessibility(Map.of("mode", "euclidean", "reach", 150)).compute(layers);
        assertThat(near.value()).isCloseTo(1500.0 / 500, within(1e-5));
    }

    @Test
    void anUnknownCategoryOrDecayIsRefusedNamingTheParameter() {
        assertThatThrownBy(() -> new TwoStepAccessibility(Map.of("category", "casino")))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("category"));
        assertThatThrownBy(() -> new TwoStepAccessibility(Map.of("decay", "cubic")))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("decay"));
    }

    private static Layers.Builder town() {
        return Layers.builder()
                .add(LayerKind.RESIDENTIAL, List.of(feature("A", rect(0, 0, 100, 100), "population", 100),
                        feature("B", rect(400, 0, 500, 100), "population", 200),
                        feature("C", rect(800, 0, 900, 100), "population", 300),
                        feature("D", rect(2000, 0, 2100, 100), "population", 400)))
                .add(LayerKind.FACILITY, List.of(feature("K1", point(150, 50), "category", "kindergarten", "capacity", 100),
                        feature("K2", point(700, 50), "category", "kindergarten"),
                        feature("S", point(50, 50), "category", "primary_school", "capacity", 900)))
                .add(LayerKind.ADMIN_AREA, List.of(feature("west", rect(-50, -50, 425, 150), "name", "West", "code", "W"),
                        feature("east", rect(425, -50, 2200, 150), "name", "East", "code", "E")));
    }

    private static double mean(double[] a, double[] p) {
        double num = 0, den = 0;
        for (int i = 0; i < a.length; i++) {
            num += a[i] * p[i];
            den += p[i];
        }
        return num / den;
    }

    /** The textbook 2SFCA over a full matrix, with the decay functions written out independently. */
    private static double[] naive(double[] s, double[] d0, double[] p, double[][] d, String decay) {
        int m = s.length, n = p.length;
        double[] ratio = new double[m];
        for (int j = 0; j < m; j++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += p[i] * w(d[j][i], d0[j], decay);
            }
            ratio[j] = sum == 0 ? 0 : s[j] / sum;
        }
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                a[i] += ratio[j] * w(d[j][i], d0[j], decay);
            }
        }
        return a;
    }

    private static double w(double d, double d0, String decay) {
        if (d > d0) {
            return 0;
        }
        return switch (decay) {
            case "step" -> 1;
            case "linear" -> (d0 - d) / d0;
            default -> (Math.exp(-d * d / (2 * d0 * d0)) - Math.exp(-0.5)) / (1 - Math.exp(-0.5));
        };
    }
}
