package org.greenplan.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.greenplan.api.MapConfigController.KindResponse;
import org.greenplan.api.MapConfigController.MapConfigResponse;
import org.greenplan.kind.LayerKind;
import org.greenplan.workspace.Visibility;
import org.greenplan.workspace.Workspace;
import org.junit.jupiter.api.Test;

/**
 * The map page's settings: the 天地图 basemap is offered only with a key; every layer kind is listed; the map opens
 * on the workspace's extent (absent while it has no layer).
 */
class MapConfigControllerTest {

    private static final WorkspaceScope EMPTY = new WorkspaceScope(new Workspace("town", "Town", null,
            Visibility.PUBLIC), false);

    @Test
    void tiandituIsOfferedOnlyWhenAKeyIsConfigured() {
        MapConfigResponse without = new MapConfigController("osm", "").config(EMPTY);
        assertThat(without.tiandituKey()).isNull();
        assertThat(without.basemaps()).isEqualTo(List.of("osm", "none"));

        MapConfigResponse with = new MapConfigController("tianditu", " abc123 ").config(EMPTY);
        assertThat(with.tiandituKey()).isEqualTo("abc123");
        assertThat(with.basemap()).isEqualTo("tianditu");
        assertThat(with.basemaps()).isEqualTo(List.of("osm", "tianditu", "none"));
    }

    @Test
    void listsEveryLayerKindWithItsRequiredAttributes() {
        List<KindResponse> kinds = new MapConfigController("osm", "").config(EMPTY).kinds();
        assertThat(kinds).extracting(KindResponse::id)
                .containsExactlyElementsOf(Arrays.stream(LayerKind.values()).map(LayerKind::id).toList());
        KindResponse admin = kinds.stream().filter(k -> k.id().equals("admin_area")).findFirst().orElseThrow();
        assertThat(admin.required()).isEqualTo(List.of("name", "code", "population"));
        assertThat(admin.name()).isEqualTo(new LocalizedName("行政区", "Administrative area"));
        KindResponse park = kinds.stream().filter(k -> k.id().equals("park")).findFirst().orElseThrow();
        assertThat(park.attributes()).isEqualTo(List.of("name", "class"));
    }

    @Test
    void theMapOpensOnTheWorkspacesExtent() {
        Workspace w = new Workspace("town", "Town", null, Visibility.PUBLIC);
        assertThat(new MapConfigController("osm", "").config(new WorkspaceScope(w, false)).bbox()).isNull();
        w.cover(org.greenplan.geo.GeoJson.WGS84.createPolygon(new org.locationtech.jts.geom.Coordinate[] {
            new org.locationtech.jts.geom.Coordinate(114.1, 22.6), new org.locationtech.jts.geom.Coordinate(114.3, 22.6),
            new org.locationtech.jts.geom.Coordinate(114.3, 22.8), new org.locationtech.jts.geom.Coordinate(114.1, 22.8),
            new org.locationtech.jts.geom.Coordinate(114.1, 22.6)}));
        MapConfigResponse c = new MapConfigController("osm", "").config(new WorkspaceScope(w, false));
        assertThat(c.bbox()).containsExactly(114.1, 22.6, 114.3, 22.8);
        assertThat(c.workspace()).isEqualTo("town");
    }
}
