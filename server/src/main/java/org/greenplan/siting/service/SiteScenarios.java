package org.greenplan.siting.service;

import tools.jackson.databind.JsonNode;

/**
 * Turns a siting result's sites into a scenario (方案) of the workspace holding them as features, so the planner
 * reviews and edits them with the scenario tools. One method, so the scenario service plugs in here; until it
 * does, {@link #NONE} keeps the sites in the result only.
 */
@FunctionalInterface
public interface SiteScenarios {

    /**
     * @param ws     the workspace
     * @param name   a name for the scenario
     * @param layer  the workspace layer the sites join
     * @param sites  the chosen sites: a GeoJSON FeatureCollection (lon/lat), in the order they were added
     * @return the new scenario's id, or null when there is no scenario service
     */
    String create(String ws, String name, String layer, JsonNode sites);

    SiteScenarios NONE = (ws, name, layer, sites) -> null;
}
