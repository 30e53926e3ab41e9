package org.greenplan.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class IndicatorCatalogueTest {

    @Test
    void listsEveryIndicatorAndCreatesEachWithDefaults() {
        assertThat(IndicatorCatalogue.all()).extracting(IndicatorDefinition::id).containsExactly(
                "park_service_coverage", "green_space_ratio", "park_area_per_capita", "greenway_density",
                "sponge_city_share", "development_intensity", "control_line_conflicts", "life_circle_coverage",
                "forest_coverage", "greenway_length", "childcare_coverage", "home_care_coverage",
                "health_centre_coverage", "accessibility_2sfca");
        for (IndicatorDefinition d : IndicatorCatalogue.all()) {
            Indicator i = IndicatorCatalogue.create(d.id(), Map.of());
            assertThat(i.id()).isEqualTo(d.id());
            // every indicator copes with no data at all: no value (never a made-up 0) and a reason, not an exception
            IndicatorResult empty = i.compute(Layers.builder().build());
            assertThat(empty.hasValue()).as(d.id()).isFalse();
            assertThat(empty.value()).as(d.id()).isNaN();
            assertThat(empty.noDataReason()).as(d.id()).endsWith(IndicatorResult.NO_VALUE);
        }
        assertThat(IndicatorCatalogue.definition("park_service_coverage").orElseThrow().parameters())
                .extracting(ParameterSpec::name, ParameterSpec::defaultValue)
                .contains(org.assertj.core.groups.Tuple.tuple("largeParkRadius", 500.0));
    }

    @Test
    void badParametersThrowTheParameterExceptionWithTheName() {
        record Case(String id, String name, Object value) {
        }
        for (Case c : List.of(new Case("park_service_coverage", "smallParkRadius", -1),
                new Case("life_circle_coverage", "distance10min", -300),
                new Case("life_circle_coverage", "level", "20min"),
                new Case("park_service_coverage", "historicDistrictRule", "maybe"),
                new Case("greenway_density", "radius", 1))) {
            assertThatThrownBy(() -> IndicatorCatalogue.create(c.id(), Map.of(c.name(), c.value())))
                    .as(c.toString())
                    .isInstanceOfSatisfying(InvalidParameterException.class, e -> {
                        assertThat(e.parameter()).isEqualTo(c.name());
                        assertThat(e.getMessage()).contains(c.name());
                    });
        }
        assertThatThrownBy(() -> IndicatorCatalogue.create("no_such", Map.of())).isInstanceOf(NoSuchElementException.class);
    }
}
