package org.greenplan.network.service;

import static org.greenplan.SettingChecks.atLeast;
import static org.greenplan.SettingChecks.require;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code greenplan.network.*}: walking graphs kept in memory (one per set of road versions), and how far from
 * a street a point may be and still be reached.
 */
@ConfigurationProperties("greenplan.network")
public record NetworkProperties(@DefaultValue("4") int cacheSize, @DefaultValue("500") double maxSnapMetres) {

    public NetworkProperties {
        atLeast(1, "greenplan.network.cache-size", cacheSize);
        require(maxSnapMetres > 0 && Double.isFinite(maxSnapMetres), "greenplan.network.max-snap-metres", maxSnapMetres,
                "must be a positive number of metres");
    }
}
