package org.greenplan.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.greenplan.kind.LayerKind;
import org.junit.jupiter.api.Test;

/** The map page's settings: the 天地图 basemap is offered only with a key; every layer kind is listed. */
class MapConfigControllerTest {

    @Test
    void tiandituIsOfferedOnlyWhenAKeyIsConfigured() {
        Map<String, Object> without = new MapConfigController("osm", "").config();
        assertThat(without).doesNotContainKey("tiandituKey");
        assertThat(without.get("basemaps")).isEqualTo(List.of("osm", "none"));

        Map<String, Object> with = new MapConfigController("tianditu", " abc123 ").config();
        assertThat(with.get("tiandituKey")).isEqualTo("abc123");
        assertThat(with.get("basemap")).isEqualTo("tianditu");
        assertThat(with.get("basemaps")).isEqualTo(List.of("osm", "tianditu", "none"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void listsEveryLayerKindWithItsRequiredAttributes() {
        List<Map<String, Object>> kinds = (List<Map<String, Object>>) new MapConfigController("osm", "").config().get("kinds");
        assertThat(kinds).extracting(k -> k.get("id"))
                .containsExactlyElementsOf(Arrays.stream(LayerKind.values()).map(LayerKind::id).toList());
        Map<String, Object> admin = kinds.stream().filter(k -> k.get("id").equals("admin_area")).findFirst().orElseThrow();
        assertThat(admin.get("required")).isEqualTo(List.of("name", "code", "population"));
        assertThat(admin.get("name")).isEqualTo(Map.of("zh", "行政区", "en", "Administrative area"));
        Map<String, Object> park = kinds.stream().filter(k -> k.get("id").equals("park")).findFirst().orElseThrow();
        assertThat(park.get("attributes")).isEqualTo(List.of("name", "class"));
    }
}
