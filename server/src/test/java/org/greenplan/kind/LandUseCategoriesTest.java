package org.greenplan.kind;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The 三调 / GB/T 21010 land-use table (kind/land-use-categories.csv): plain Java, no server. */
class LandUseCategoriesTest {

    private final LandUseCategories table = LandUseCategories.standard();

    private String of(String code) {
        return table.categoryOf(code).orElse(null);
    }

    @Test
    void surveyCodesNameTheDemoTownsCategories() {
        assertThat(of("0701")).isEqualTo("residential");
        assertThat(of("0702")).isEqualTo("village");
        assertThat(of("0601")).isEqualTo("industrial");
        assertThat(of("0602")).isEqualTo("industrial");
        assertThat(of("0503")).isEqualTo("commercial");
        assertThat(of("0508")).isEqualTo("industrial");
        assertThat(of("0809")).isEqualTo("public");
        assertThat(of("0810")).isEqualTo("park");
        assertThat(of("1001")).isEqualTo("road");
        assertThat(of("1004")).isEqualTo("road");
        assertThat(of("1201")).isEqualTo("vacant");
        assertThat(of("0301")).isEqualTo("forest");
        assertThat(of("0101")).isEqualTo("farmland");
        assertThat(of("203")).isEqualTo("village");
        // every value the demo town's construction land carries is a category of the table
        assertThat(Set.copyOf(table.table().values()))
                .contains("residential", "village", "commercial", "industrial", "public", "park", "road");
    }

    @Test
    void theSurveysHAndASuffixes() {
        assertThat(of("05H1")).isEqualTo("commercial");
        assertThat(of("05h1")).isEqualTo("commercial");
        assertThat(of("08H1")).isEqualTo("public");
        assertThat(of("08H2")).isEqualTo("public");
        assertThat(of("08H2A")).as("A sub-class not listed: its class").isEqualTo("public");
        assertThat(of("0810A")).isEqualTo("park");
        assertThat(of("203A")).as("listed A row wins over its class").isEqualTo("industrial");
        assertThat(of("1004A")).isEqualTo("road");
    }

    @Test
    void finerLocalCodesFallBackToTheirFourCharacterParent() {
        assertThat(of("080101")).isEqualTo("public");
        assertThat(of("070101")).as("the demo's residential land_use_code").isEqualTo("residential");
        assertThat(of("070201")).isEqualTo("village");
        assertThat(of("081001")).isEqualTo("park");
        assertThat(of("05H101")).isEqualTo("commercial");
        assertThat(of("0599")).as("unknown code of a listed class").isEqualTo("commercial");
    }

    @Test
    void namesIdsAndUnknowns() {
        assertThat(of(" 城镇住宅用地 ")).isEqualTo("residential");
        assertThat(of("广场用地")).isEqualTo("park");
        assertThat(of("village")).as("a category id stands for itself").isEqualTo("village");
        assertThat(of("0799")).as("07 holds two categories: no class row").isNull();
        assertThat(of("201")).as("城市 names no land use").isNull();
        assertThat(of("20")).isNull();
        assertThat(of("")).isNull();
        assertThat(of(null)).isNull();
        assertThat(of("Z9")).isNull();
    }

    @Test
    void eachKindHasItsOwnTable() {
        assertThat(CategoryTable.of(LayerKind.CONSTRUCTION_LAND)).containsSame(table);
        assertThat(table.attribute()).isEqualTo("land_use");
        assertThat(CategoryTable.of(LayerKind.FACILITY)).containsSame(FacilityCategories.standard());
        assertThat(CategoryTable.of(LayerKind.PARK)).isEmpty();
        // the facility table still reads through the shared reader
        assertThat(FacilityCategories.standard().categoryOf("highway=bus_stop")).contains("bus_stop");
    }
}
