package org.greenplan.network;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.greenplan.geo.Feature;
import org.greenplan.geo.GaussKrugerZone;
import org.greenplan.indicator.WalkingNetwork;
import org.locationtech.jts.geom.Geometry;

/**
 * {@link WalkingNetwork} on one walking graph, by this package's engines ({@link LifeCircle}, {@link ParkCoverage},
 * {@link FacilityReach}): the server hands it the cached graph of the road layers in use; the CLI and the tests
 * build one from road features.
 */
public final class GraphWalkingNetwork implements WalkingNetwork {

    private final WalkGraph graph;
    private final double maxSnap;
    private final String description;

    /** @param description one sentence naming the network for the result's notes */
    public GraphWalkingNetwork(WalkGraph graph, double maxSnap, String description) {
        this.graph = graph;
        this.maxSnap = maxSnap;
        this.description = description;
    }

    @Override
    public List<Map<String, Double>> nearestFacilities(List<Feature> parcels, Map<String, List<Feature>> groups,
            Map<String, Double> maxMetresByKey) {
        // one engine category per group, searched up to its maximum: a pseudo-level per distinct maximum
        LifeCircle engine = new LifeCircle(graph).maxSnapDistance(maxSnap);
        Map<String, List<String>> byLevel = new LinkedHashMap<>();
        List<Feature> tagged = new ArrayList<>();
        groups.forEach((key, facilities) -> {
            double max = maxMetresByKey.getOrDefault(key, 0.0);
            String level = "reach " + max;
            engine.threshold(level, max);
            byLevel.computeIfAbsent(level, l -> new ArrayList<>()).add(key);
            for (Feature f : facilities) {
                Map<String, Object> attrs = new HashMap<>(f.attributes());
                attrs.put("category", key);
                tagged.add(new Feature(f.id(), f.geometry(), attrs));
            }
        });
        LifeCircleResult r = engine.evaluate(tagged, parcels, byLevel);
        return r.parcels().stream().map(LifeCircleResult.ParcelReach::distanceByCategory).toList();
    }

    @Override
    public List<Geometry> parkServedGround(Map<Double, List<Feature>> parksByRadius, GaussKrugerZone zone) {
        List<Geometry> out = new ArrayList<>();
        parksByRadius.forEach((radius, parks) -> {
            // the caller has already chosen the parks and their radius: every park given qualifies
            ParkCoverage.Radii all = new ParkCoverage.Radii(0, radius, 0, radius, false, 0, radius);
            for (Geometry g : new ParkCoverage(graph).radii(all).maxSnapDistance(maxSnap).servedGround(parks)) {
                out.add(inZone(g, zone));
            }
        });
        return out;
    }

    @Override
    public Map<String, Map<Double, List<Geometry>>> facilityServedGround(Map<String, List<Feature>> groups,
            Map<String, List<Double>> distancesByKey, GaussKrugerZone zone) {
        Map<String, Map<Double, List<Geometry>>> out = new LinkedHashMap<>();
        FacilityReach reach = new FacilityReach(graph).maxSnapDistance(maxSnap);
        groups.forEach((key, facilities) -> {
            Map<Double, List<Geometry>> byDistance = reach.servedGround(facilities,
                    distancesByKey.getOrDefault(key, List.of()));
            byDistance.replaceAll((d, pieces) -> pieces.stream().map(g -> inZone(g, zone)).toList());
            out.put(key, byDistance);
        });
        return out;
    }

    @Override
    public java.util.Optional<Map<String, Map<Double, org.greenplan.indicator.WalkedGround>>> facilityWalkedGround(
            Map<String, List<Feature>> groups, Map<String, List<Double>> distancesByKey, GaussKrugerZone zone) {
        if (graph.zone().zone() != zone.zone()) {
            return java.util.Optional.empty();
        }
        Map<String, Map<Double, org.greenplan.indicator.WalkedGround>> out = new LinkedHashMap<>();
        FacilityReach reach = new FacilityReach(graph).maxSnapDistance(maxSnap);
        groups.forEach((key, facilities) -> out.put(key,
                reach.walkedGround(facilities, distancesByKey.getOrDefault(key, List.of()))));
        return java.util.Optional.of(out);
    }

    @Override
    public org.greenplan.indicator.ParcelStreets streetsNear(Geometry parcel) {
        return new FacilityReach(graph).streetsNear(parcel);
    }

    private Geometry inZone(Geometry g, GaussKrugerZone zone) {
        GaussKrugerZone own = graph.zone();
        return own.zone() == zone.zone() ? g : zone.toMetres(own.toLonLat(g));
    }

    @Override
    public String description() {
        return description;
    }
}
