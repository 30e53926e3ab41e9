package org.greenplan.api;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.greenplan.ingest.FieldMapper;
import org.greenplan.kind.LayerKind;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Settings the map page reads at start: the default basemap (an offline installation defaults to none),
 * the 天地图 key when one is configured, the layer kinds the upload wizard offers, and the workspace with the
 * box the map opens on (its extent).
 */
@RestController
public class MapConfigController {

    private final String basemap;
    private final String tiandituKey;

    @Autowired
    public MapConfigController(MapProperties settings) {
        this(settings.basemap(), settings.tiandituKey());
    }

    public MapConfigController(String basemap, String tiandituKey) {
        this.basemap = basemap;
        // A browser key for tile requests (tk=): it must reach the page, but is never written to a log.
        this.tiandituKey = tiandituKey == null ? "" : tiandituKey.trim();
    }

    /** The map page's settings; {@code bbox} is the workspace's extent (absent while it has no layer). */
    public record MapConfigResponse(String basemap, List<String> basemaps, String tiandituKey, List<KindResponse> kinds,
            String workspace, String workspaceName, List<Double> bbox) {
    }

    /** A layer kind as the upload wizard offers it. */
    public record KindResponse(String id, LocalizedName name, String geometry, String group, List<String> required,
            List<String> attributes) {

        static KindResponse of(LayerKind k) {
            // attributes: what the wizard's field mapping offers
            return new KindResponse(k.id(), new LocalizedName(k.nameZh(), k.nameEn()), k.geometry().label(), k.group(),
                    k.requiredAttributes(), FieldMapper.attributesOf(k));
        }
    }

    @GetMapping(value = {"/api/v1/workspaces/{ws}/map/config", "/api/v1/map/config"}, produces = "application/json")
    public MapConfigResponse config(WorkspaceScope scope) {
        var extent = scope.workspace().extent();
        List<Double> bbox = extent == null ? null : LayerResponse.box(extent.getEnvelopeInternal());
        return new MapConfigResponse(basemap, tiandituKey.isEmpty() ? List.of("osm", "none")
                : List.of("osm", "tianditu", "none"), tiandituKey.isEmpty() ? null : tiandituKey,
                Arrays.stream(LayerKind.values()).map(KindResponse::of).toList(), scope.id(), scope.workspace().name(),
                bbox);
    }
}
