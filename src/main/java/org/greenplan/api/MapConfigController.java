package org.greenplan.api;

import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Settings the map page reads at start, so an offline installation can default to no basemap. */
@RestController
public class MapConfigController {

    private final String basemap;

    public MapConfigController(@Value("${greenplan.map.basemap:osm}") String basemap) {
        this.basemap = basemap;
    }

    @GetMapping(value = "/api/v1/map/config", produces = "application/json")
    public Map<String, Object> config() {
        return Map.of("basemap", basemap);
    }
}
