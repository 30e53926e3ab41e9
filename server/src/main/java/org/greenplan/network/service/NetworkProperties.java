package org.greenplan.network.service;

import static org.greenplan.SettingChecks.atLeast;
import static org.greenplan.SettingChecks.require;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code greenplan.network.*}: walking graphs kept in memory (one per set of road versions), how far from
 * a street a point may be and still be reached, and the minimum network size: every connected part of the
 * walking network at least {@code minComponentMetres} long is kept (two towns of one county both count), the
 * largest always, shorter islands (a courtyard's path, a fragment cut off at the extract's edge) dropped.
 * {@code graphDir}: where built graphs are persisted (empty: nowhere).
 */
@ConfigurationProperties("greenplan.network")
public record NetworkProperties(@DefaultValue("4") int cacheSize, @DefaultValue("500") double maxSnapMetres,
        @DefaultValue("1000") double minComponentMetres, @DefaultValue(".data/graphs") String graphDir) {

    public NetworkProperties {
        atLeast(1, "greenplan.network.cache-size", cacheSize);
        require(maxSnapMetres > 0 && Double.isFinite(maxSnapMetres), "greenplan.network.max-snap-metres", maxSnapMetres,
                "must be a positive number of metres");
        require(minComponentMetres >= 0 && Double.isFinite(minComponentMetres), "greenplan.network.min-component-metres",
                minComponentMetres, "must be a number of metres ≥ 0");
    }
}
