package org.greenplan.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.greenplan.kind.LayerKind;
import org.junit.jupiter.api.Test;

/** Each indicator's own declaration: what the server reads, refuses and loads beyond the area comes from it. */
class IndicatorDefinitionTest {

    /** The layer kinds each indicator reads in the API's order, required ones starred (as published before). */
    @Test
    void everyIndicatorDeclaresItsLayerKindsRequiredFirst() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("park_service_coverage", "residential* park* admin_area built_up_area road building");
        expected.put("green_space_ratio", "built_up_area* park* green_space admin_area");
        expected.put("park_area_per_capita", "park* built_up_area admin_area residential");
        expected.put("greenway_density", "greenway* admin_area residential");
        expected.put("sponge_city_share", "built_up_area* sponge_zone* admin_area");
        expected.put("development_intensity", "construction_land* admin_area");
        expected.put("control_line_conflicts",
                "construction_land* residential ecological_red_line permanent_farmland town_development_boundary admin_area");
        expected.put("life_circle_coverage", "residential* facility* admin_area built_up_area road building");
        expected.put("forest_coverage", "forest* admin_area*");
        expected.put("greenway_length", "greenway* admin_area");
        expected.put("childcare_coverage", "admin_area* facility*");
        expected.put("home_care_coverage", "admin_area* facility*");
        expected.put("health_centre_coverage", "admin_area* facility*");
        expected.put("accessibility_2sfca", "residential* park facility admin_area road building");
        Map<String, String> declared = new LinkedHashMap<>();
        for (IndicatorDefinition d : IndicatorCatalogue.all()) {
            declared.put(d.id(), d.kinds().stream().map(k -> k.id() + (d.required().contains(k) ? "*" : ""))
                    .collect(Collectors.joining(" ")));
        }
        assertThat(declared).containsExactlyEntriesOf(expected);
    }

    @Test
    void reachFollowsTheLargestDistanceOfTheParameters() {
        IndicatorDefinition park = ParkServiceCoverage.DEFINITION;
        assertThat(park.reach().kinds()).containsExactly(LayerKind.PARK);
        assertThat(park.reach().metres(Parameters.of(park.parameters(), Map.of()))).isEqualTo(501.0);
        assertThat(park.reach().metres(Parameters.of(park.parameters(), Map.of("historicParkRadius", "900"))))
                .isEqualTo(901.0);

        IndicatorDefinition life = LifeCircleCoverage.DEFINITION;
        assertThat(life.reach().kinds()).containsExactly(LayerKind.FACILITY);
        assertThat(life.reach().metres(Parameters.of(life.parameters(), Map.of()))).isEqualTo(1001.0);
        // with a walking speed the 15-minute level reaches furthest: 15 × 80 m
        assertThat(life.reach().metres(Parameters.of(life.parameters(), Map.of("speed", "80")))).isEqualTo(1201.0);

        // 2SFCA: parks by their largest size-class radius, facilities by their category's life-circle level
        IndicatorDefinition sfca = TwoStepAccessibility.DEFINITION;
        assertThat(sfca.reach().kinds()).containsExactlyInAnyOrder(LayerKind.PARK, LayerKind.FACILITY);
        assertThat(sfca.reach().metres(Parameters.of(sfca.parameters(), Map.of()))).isEqualTo(501.0);
        assertThat(sfca.reach().metres(Parameters.of(sfca.parameters(), Map.of("category", "kindergarten")))).isEqualTo(301.0);
        assertThat(sfca.reach().metres(Parameters.of(sfca.parameters(), Map.of("category", "middle_school")))).isEqualTo(1001.0);
        assertThat(sfca.reach().metres(Parameters.of(sfca.parameters(), Map.of("reach", "700")))).isEqualTo(701.0);

        for (IndicatorDefinition d : IndicatorCatalogue.all()) {
            if (d != park && d != life && d != sfca) {
                assertThat(d.reach()).as(d.id()).isSameAs(Reach.NONE);
            }
        }
    }

    @Test
    void theIndicatorsThatMapGapsSayWhatTheyShow() {
        assertThat(IndicatorCatalogue.all().stream().filter(d -> d.gapDescription() != null)
                .map(IndicatorDefinition::id).collect(Collectors.toSet()))
                .isEqualTo(Set.of("park_service_coverage", "sponge_city_share", "control_line_conflicts",
                        "life_circle_coverage", "childcare_coverage", "home_care_coverage", "health_centre_coverage",
                        "accessibility_2sfca"));
        assertThat(SpongeCityShare.DEFINITION.gapDescription()).isEqualTo("built-up area outside sponge-compliant zones");
    }

    @Test
    void anIncompleteOrInconsistentDefinitionIsRefusedNamingTheProblem() {
        assertThatThrownBy(() -> IndicatorDefinition.builder("tree_canopy", GreenSpaceRatio::new)
                .name("树冠覆盖率", "Tree canopy cover").unit("%").definition("Canopy ÷ area × 100.").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("indicator 'tree_canopy' lacks standard, required layer kinds");
        assertThatThrownBy(() -> complete().alsoReads(LayerKind.ADMIN_AREA, LayerKind.PARK).build())
                .hasMessageContaining("names a layer kind twice");
        assertThatThrownBy(() -> complete().reach(Reach.of(LayerKind.FACILITY, p -> 100)).build())
                .hasMessageContaining("reaches beyond the area for kinds it does not read");
        IndicatorDefinition ok = complete().alsoReads(LayerKind.ADMIN_AREA).build();
        assertThat(ok.kinds()).containsExactly(LayerKind.PARK, LayerKind.ADMIN_AREA);
        assertThat(ok.gapDescription()).isNull();
        assertThat(ok.reach()).isSameAs(Reach.NONE);
    }

    private static IndicatorDefinition.Builder complete() {
        return IndicatorDefinition.builder("tree_canopy", GreenSpaceRatio::new).name("树冠覆盖率", "Tree canopy cover")
                .unit("%").definition("Canopy ÷ area × 100.").standard("none").requires(LayerKind.PARK);
    }
}
