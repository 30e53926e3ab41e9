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
 * the 天地图 key when one is configured, and the layer kinds the upload wizard offers.
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

    @GetMapping(value = "/api/v1/map/config", produces = "application/json")
    public Map<String, Object> config() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("basemap", basemap);
        m.put("basemaps", tiandituKey.isEmpty() ? List.of("osm", "none") : List.of("osm", "tianditu", "none"));
        if (!tiandituKey.isEmpty()) {
            m.put("tiandituKey", tiandituKey);
        }
        m.put("kinds", Arrays.stream(LayerKind.values()).map(MapConfigController::kind).toList());
        return m;
    }

    private static Map<String, Object> kind(LayerKind k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", k.id());
        m.put("name", Map.of("zh", k.nameZh(), "en", k.nameEn()));
        m.put("geometry", k.geometry().label());
        m.put("group", k.group());
        m.put("required", k.requiredAttributes());
        m.put("attributes", FieldMapper.attributesOf(k)); // what the wizard's field mapping offers
        return m;
    }
}
