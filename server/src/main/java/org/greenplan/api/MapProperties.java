package org.greenplan.api;

import static org.greenplan.SettingChecks.require;

import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code greenplan.map.*}: the page's default basemap and the 天地图 browser key (sent to the page, never
 * logged; blank when none).
 */
@ConfigurationProperties("greenplan.map")
public record MapProperties(@DefaultValue("osm") String basemap, @DefaultValue("") String tiandituKey) {

    public MapProperties {
        require(Set.of("osm", "tianditu", "none").contains(basemap), "greenplan.map.basemap", basemap,
                "must be osm, tianditu or none");
        tiandituKey = tiandituKey == null ? "" : tiandituKey.trim();
    }
}
