package org.greenplan.tiles;

import static org.greenplan.SettingChecks.require;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code greenplan.tiles.*}: the bytes of finished tiles kept in memory, and whether overview tables are built
 * for low zooms.
 */
@ConfigurationProperties("greenplan.tiles")
public record TilesProperties(@DefaultValue("256MB") DataSize cacheSize, @DefaultValue("true") boolean overviews) {

    public TilesProperties {
        require(cacheSize.toBytes() >= 0, "greenplan.tiles.cache-size", cacheSize, "must not be negative");
    }
}
