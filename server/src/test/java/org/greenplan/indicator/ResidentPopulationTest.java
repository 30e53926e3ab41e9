package org.greenplan.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.greenplan.indicator.TestGeo.feature;
import static org.greenplan.indicator.TestGeo.rect;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.greenplan.geo.Feature;
import org.greenplan.kind.LayerKind;
import org.junit.jupiter.api.Test;

/**
 * Residents of parcels without population, hand-computed. Admin area A = [0,1000]² (3000 people), B =
 * [1000,2000]×[0,1000] (1000 people). In A: a1 = [0,200]² (40 000 m²), a2 = [300,500]×[0,400] (80 000 m²),
 * a3 = [600,700]×[600,700] giving 500 people itself; in B: b1 = [1100,1300]×[0,100] (20 000 m²),
 * b2 = [1500,1600]×[0,100] (10 000 m²); s = [900,1100]×[800,900] lies half in each (10 000 m² in each).
 * A has 3000 − 500 = 2500 people left for its parcels without population, B 1000.
 */
class ResidentPopulationTest {

    private static final List<Feature> ADMIN = List.of(
            feature("A", rect(0, 0, 1000, 1000), "code", "A", "name", "A", "population", 3000),
            feature("B", rect(1000, 0, 2000, 1000), "code", "B", "name", "B", "population", 1000));

    private static final List<Feature> PARCELS = List.of(
            feature("a1", rect(0, 0, 200, 200)), feature("a2", rect(300, 0, 500, 400)),
            feature("a3", rect(600, 600, 700, 700), "population", 500),
            feature("b1", rect(1100, 0, 1300, 100)), feature("b2", rect(1500, 0, 1600, 100)),
            feature("s", rect(900, 800, 1100, 900)));

    /**
     * Buildings in A only: 100×100 of 6 floors on a1 (60 000 m² of floor), 100×100 of 30 m (10 floors) on a2
     * (100 000), and 100×100 of 2 floors of which a quarter stands on a2 (5000). B has none: land area there.
     */
    private static final List<Feature> BUILDINGS = List.of(
            feature("h1", rect(0, 0, 100, 100), "floors", 6), feature("h2", rect(300, 0, 400, 100), "height", 30),
            feature("h3", rect(450, 350, 550, 450), "floors", "2"));

    private static Map<String, Double> residents(List<Feature> buildings) {
        Layers layers = layers(buildings).build();
        MetricFrame frame = MetricFrame.of(layers);
        AdminAreas admin = new AdminAreas(frame.polygons(layers.get(LayerKind.ADMIN_AREA)));
        ResidentPopulation r = ResidentPopulation.of(frame, layers, admin, frame.polygons(layers.get(LayerKind.RESIDENTIAL)));
        Map<String, Double> out = new HashMap<>();
        r.parcels.forEach(p -> out.put(p.id(), p.population()));
        out.put("source:" + r.source, 0.0);
        return out;
    }

    private static Layers.Builder layers(List<Feature> buildings) {
        return Layers.builder().add(LayerKind.ADMIN_AREA, ADMIN).add(LayerKind.RESIDENTIAL, PARCELS)
                .add(LayerKind.BUILDING, buildings);
    }

    @Test
    void byLandAreaWithoutBuildings() {
        Map<String, Double> r = residents(List.of());
        assertThat(r).containsKey("source:land_area");
        // A: 2500 over 40 000 + 80 000 + 10 000 m²; B: 1000 over 20 000 + 10 000 + 10 000 m²
        assertThat(r.get("a1")).isCloseTo(2500 * 40.0 / 130, within(0.01));
        assertThat(r.get("a2")).isCloseTo(2500 * 80.0 / 130, within(0.01));
        assertThat(r.get("a3")).isCloseTo(500, within(1e-9));
        assertThat(r.get("b1")).isCloseTo(500, within(0.01));
        assertThat(r.get("b2")).isCloseTo(250, within(0.01));
        assertThat(r.get("s")).isCloseTo(2500 * 10.0 / 130 + 250, within(0.01));
        assertThat(r.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(4000, within(0.01));
    }

    @Test
    void byFloorAreaWhereBuildingsGiveFloorsAndByLandWhereAnAreaHasNone() {
        Map<String, Double> r = residents(BUILDINGS);
        assertThat(r).containsKey("source:floor_area");
        // A: 2500 over 60 000 (a1) + 100 000 + 5000 (a2) m² of floor; s has no building in A
        assertThat(r.get("a1")).isCloseTo(2500 * 60.0 / 165, within(0.01));
        assertThat(r.get("a2")).isCloseTo(2500 * 105.0 / 165, within(0.01));
        assertThat(r.get("b1")).isCloseTo(500, within(0.01));
        assertThat(r.get("s")).isCloseTo(250, within(0.01));
    }

    @Test
    void aBuildingLayerWithoutFloorsOrHeightLeavesLandArea() {
        Map<String, Double> r = residents(List.of(feature("h", rect(0, 0, 100, 100), "name", "shed")));
        assertThat(r).containsKey("source:land_area");
        assertThat(r.get("a1")).isCloseTo(2500 * 40.0 / 130, within(0.01));
    }

    @Test
    void anAdminAreaWithoutResidentialLandSaysItsPeopleAreNotCounted() {
        Feature empty = feature("C", rect(2000, 0, 3000, 1000), "code", "C", "name", "C", "population", 700);
        Layers layers = Layers.builder().add(LayerKind.ADMIN_AREA, List.of(ADMIN.get(0), ADMIN.get(1), empty))
                .add(LayerKind.RESIDENTIAL, PARCELS).build();
        MetricFrame frame = MetricFrame.of(layers);
        ResidentPopulation r = ResidentPopulation.of(frame, layers, new AdminAreas(frame.polygons(layers.get(LayerKind.ADMIN_AREA))),
                frame.polygons(PARCELS));
        assertThat(r.parcels.stream().mapToDouble(Projected::population).sum()).isCloseTo(4000, within(0.01));
        assertThat(r.note()).contains("1 admin areas with population have no residential land");
    }

    @Test
    void parkCoverageCountsTheDistributedResidentsAndSaysHow() {
        // strip park 100 m × 5 km (500 m radius) with its right side at x = -50: covers x ≤ 450, i.e. all of a1
        // and 150/200 of a2 (the residents spread evenly over a parcel's land)
        Feature park = feature("p", rect(-150, -2000, -50, 3000));
        IndicatorResult r = new ParkServiceCoverage().compute(layers(BUILDINGS).add(LayerKind.PARK, List.of(park)).build());
        double a1 = 2500 * 60.0 / 165, a2 = 2500 * 105.0 / 165;
        Measure covered = measure(r, "residents_covered");
        assertThat(covered.value()).isCloseTo(a1 + 0.75 * a2, within(0.5));
        assertThat(measure(r, "residents").value()).isCloseTo(4000, within(0.5));
        assertThat(measure(r, Tally.POPULATION_WEIGHTED).value()).isCloseTo(100 * (a1 + 0.75 * a2) / 4000, within(0.02));
        assertThat(r.parameters()).containsEntry("populationSource", "floor_area");
        assertThat(r.notes()).anyMatch(n -> n.contains("by floor area"));
        // per admin area: A's residents are 3000, B's 1000 (s split evenly over its land: 221.6 + 221.6 → A/B)
        AreaBreakdown a = r.breakdown().stream().filter(b -> b.areaId().equals("A")).findFirst().orElseThrow();
        Measure pa = a.measures().get(0);
        assertThat(pa.numerator()).isCloseTo(a1 + 0.75 * a2, within(0.5));
    }

    @Test
    void lifeCircleReportsResidents() {
        Feature school = feature("f", TestGeo.point(100, 100), "category", "kindergarten");
        IndicatorResult r = new LifeCircleCoverage().compute(layers(List.of()).add(LayerKind.FACILITY, List.of(school)).build());
        assertThat(measure(r, "residents").value()).isCloseTo(4000, within(0.5));
        assertThat(r.parameters()).containsEntry("populationSource", "land_area");
    }

    private static Measure measure(IndicatorResult r, String id) {
        return r.measures().stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
    }
}
