package org.greenplan.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.greenplan.geo.Feature;
import org.greenplan.geo.GeoJson;
import org.greenplan.siting.service.SiteScenarios;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * A siting plan becomes a scenario (方案) holding its sites as features of the park or facility layer, so the
 * planner reviews, moves or drops them with the scenario tools and every indicator follows. The sites go in
 * through {@link ScenarioService#createWithFeatures}, checked like any edit, in one transaction.
 */
@Component
class ScenarioSites implements SiteScenarios {

    private final ScenarioService scenarios;

    ScenarioSites(ScenarioService scenarios) {
        this.scenarios = scenarios;
    }

    @Override
    public String create(String ws, String name, String layer, JsonNode sites) {
        List<Feature> features = new ArrayList<>();
        for (JsonNode f : sites.path("features")) {
            Map<String, Object> attributes = new LinkedHashMap<>();
            for (String key : List.of("name", "category")) {
                if (f.path("properties").hasNonNull(key)) {
                    attributes.put(key, f.path("properties").get(key).asString());
                }
            }
            if (f.path("properties").path("capacity").isNumber()) {
                // a capacitated plan's sites keep their capacity: 2SFCA reads it as the facility's supply
                attributes.put("capacity", f.path("properties").get("capacity").asDouble());
            }
            features.add(new Feature(null, GeoJson.read(f.path("geometry")), attributes));
        }
        Scenario sc = scenarios.createWithFeatures(ws, name, "补短板选址: the sites proposed, in order", "siting",
                Map.of(layer, features));
        return String.valueOf(sc.id());
    }
}
