package org.greenplan.network.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.greenplan.geo.Feature;
import org.greenplan.indicator.LifeCircleLevels;
import org.greenplan.kind.LayerKind;
import org.greenplan.layer.Layer;
import org.greenplan.layer.LayerFeatures;
import org.greenplan.network.GraphStats;
import org.greenplan.network.GraphWalkingNetwork;
import org.greenplan.network.LifeCircle;
import org.greenplan.network.LifeCircleResult;
import org.greenplan.network.ParkCoverage;
import org.greenplan.network.ParkCoverageResult;
import org.greenplan.indicator.WalkingNetwork;
import org.locationtech.jts.geom.Geometry;
import org.springframework.stereotype.Service;

/**
 * Network-mode coverage for the indicator API ({@code life_circle_coverage} and {@code park_service_coverage}
 * with {@code mode=network}): reads the layers, takes the cached walking graph and runs the engine.
 *
 * <p><b>Layers.</b> Every layer of the workspace of each kind at its current version, combined, unless {@code layerIds}
 * names layers: then the layers of each kind among them (road, facility, park, residential).
 * <b>Area.</b> With an area of interest (lon/lat, e.g. a 建成区 or an admin area), only residential parcels
 * intersecting it are evaluated, each counted whole (access points need the parcel's real boundary);
 * facilities, parks and roads are used wherever they are, since those outside the area serve it too.
 */
@Service
public class NetworkCoverage {

    /** A layer version used. */
    public record LayerUse(String layerId, LayerKind kind, int version) {
    }

    /**
     * An engine result with what it was computed from.
     *
     * @param result  the engine's result ({@link LifeCircleResult} or {@link ParkCoverageResult}); its parcel
     *                entries are in the order of {@code parcels}
     * @param parcels the residential features evaluated (lon/lat; ids are stored feature ids), e.g. to draw
     *                gaps or split by admin area
     * @param layers  every layer version used, roads first
     * @param graph   the walking graph's statistics (build time, size, islands dropped)
     * @param millis  wall time of reading + evaluating (a graph build, when one was needed, included)
     */
    public record Outcome<R>(R result, List<Feature> parcels, List<LayerUse> layers, GraphStats graph, long millis) {
    }

    /**
     * Life-circle parameters.
     *
     * @param distanceByLevel walking metres per level ("5min", "10min", "15min"); a missing level falls back to
     *                        minutes × {@code speed}, else to GB 50180-2018 (300/500/1000 m)
     * @param speed           metres per minute, or NaN
     * @param table           level → requirements; a requirement "a|b" is met by a facility of either category
     * @param levels          levels to evaluate, e.g. {@link LifeCircleLevels#LEVELS}
     */
    public record LifeCircleParams(Map<String, Double> distanceByLevel, double speed, LifeCircleLevels table,
            List<String> levels) {

        /** GB 50180-2018 distances, the editable requirement table, all three levels. */
        public static LifeCircleParams defaults() {
            return new LifeCircleParams(Map.of(), Double.NaN, LifeCircleLevels.defaults(), LifeCircleLevels.LEVELS);
        }
    }

    private final NetworkService network;
    private final LayerFeatures features;

    public NetworkCoverage(NetworkService network, LayerFeatures features) {
        this.network = network;
        this.features = features;
    }

    /** Whether network mode is possible (a road layer exists): the indicator API's default mode then. */
    public boolean available(String ws, Collection<String> layerIds) {
        return network.hasRoadLayer(ws, layerIds);
    }

    /**
     * Life-circle coverage along the network. Categories in the result are the table's requirement keys
     * (e.g. {@code vegetable_market|supermarket}); per-level and per-requirement shares are in
     * {@link LifeCircleResult#levels()}.
     *
     * @param areaLonLat area of interest or null for all residential land
     * @param layerIds   layers to use, or null/empty for all
     * @throws NetworkRequestException field {@code layers} when there is no road layer or nothing walkable
     */
    public Outcome<LifeCircleResult> lifeCircle(String ws, Geometry areaLonLat, Collection<String> layerIds,
            LifeCircleParams params) {
        long t0 = System.nanoTime();
        NetworkService.Graph graph = network.graph(ws, layerIds);
        List<LayerUse> used = roadsUsed(graph);
        List<Feature> facilities = read(ws, LayerKind.FACILITY, layerIds, null, used);
        List<Feature> parcels = read(ws, LayerKind.RESIDENTIAL, layerIds, areaLonLat, used);

        // each requirement becomes one engine category: facilities of any of its alternatives carry its key
        Map<String, List<String>> requirementsOfCategory = new HashMap<>();
        Map<String, List<String>> requiredByLevel = new LinkedHashMap<>();
        LifeCircle engine = new LifeCircle(graph.graph()).maxSnapDistance(network.maxSnapMetres());
        if (!Double.isNaN(params.speed())) {
            engine.walkingSpeed(params.speed());
        }
        for (String level : params.levels()) {
            List<String> keys = new ArrayList<>();
            for (LifeCircleLevels.Requirement r : params.table().requirements(level)) {
                keys.add(r.key());
                for (String c : r.categories()) {
                    List<String> reqs = requirementsOfCategory.computeIfAbsent(c, k -> new ArrayList<>());
                    if (!reqs.contains(r.key())) {
                        reqs.add(r.key());
                    }
                }
            }
            requiredByLevel.put(level, keys);
            Double d = params.distanceByLevel().get(level);
            if (d != null) {
                engine.threshold(level, d);
            }
        }
        List<Feature> byRequirement = new ArrayList<>();
        for (Feature f : facilities) {
            List<String> reqs = requirementsOfCategory.get(f.text("category"));
            if (reqs != null) {
                for (String key : reqs) {
                    Map<String, Object> attrs = new HashMap<>(f.attributes());
                    attrs.put("category", key);
                    byRequirement.add(new Feature(f.id(), f.geometry(), attrs));
                }
            }
        }
        LifeCircleResult r = engine.evaluate(byRequirement, parcels, requiredByLevel);
        return new Outcome<>(r, parcels, used, graph.graph().stats(), (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Park service-radius coverage along the network ({@link ParkCoverage}: parks entered anywhere along their
     * boundary, sampled every 50 m; the part of each parcel a walker reaches is covered).
     *
     * @param areaLonLat area of interest or null for all residential land
     * @param layerIds   layers to use, or null/empty for all
     * @param radii      which parks count and their radii, e.g. {@link ParkCoverage.Radii#defaults()}
     * @throws NetworkRequestException field {@code layers} when there is no road layer or nothing walkable
     */
    public Outcome<ParkCoverageResult> parkCoverage(String ws, Geometry areaLonLat, Collection<String> layerIds,
            ParkCoverage.Radii radii) {
        long t0 = System.nanoTime();
        NetworkService.Graph graph = network.graph(ws, layerIds);
        List<LayerUse> used = roadsUsed(graph);
        List<Feature> parks = read(ws, LayerKind.PARK, layerIds, null, used);
        List<Feature> parcels = read(ws, LayerKind.RESIDENTIAL, layerIds, areaLonLat, used);
        ParkCoverageResult r = new ParkCoverage(graph.graph()).radii(radii).maxSnapDistance(network.maxSnapMetres())
                .evaluate(parks, parcels);
        return new Outcome<>(r, parcels, used, graph.graph().stats(), (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * The walking network of these road layers (their current versions, graph from the cache) as the
     * indicator engine's input for {@code mode=network}: the indicator API's layer loading, breakdown and
     * cache are reused, only the distances come from here.
     *
     * @throws NetworkRequestException field {@code layers} when there is no road layer or nothing walkable
     */
    public WalkingNetwork walkingNetwork(String ws, Collection<String> roadLayerIds) {
        NetworkService.Graph graph = network.graph(ws, roadLayerIds);
        return new GraphWalkingNetwork(graph.graph(), network.maxSnapMetres(),
                described("road layer " + NetworkService.describe(graph.roads()), graph.graph().stats()));
    }

    /**
     * The walking network of these road features (a scenario's roads: a pinned version with edits laid over),
     * built now with the same rules as the cached graphs and not cached here.
     *
     * @throws NetworkRequestException field {@code layers} when nothing is walkable
     */
    public WalkingNetwork walkingNetwork(List<Feature> roads, String label) {
        try {
            org.greenplan.network.WalkGraph graph = network.builder().build(roads);
            return new GraphWalkingNetwork(graph, network.maxSnapMetres(), described(label, graph.stats()));
        } catch (org.greenplan.network.NoWalkableNetworkException e) {
            throw new NetworkRequestException("layers", label + ": " + e.getMessage());
        }
    }

    /** A network's name with its size, for the indicator's notes. */
    private static String described(String name, GraphStats s) {
        return name + " (" + s.edges() + " walkable edges, " + Math.round(s.totalKm()) + " km; " + s.componentsNote() + ")";
    }

    private static List<LayerUse> roadsUsed(NetworkService.Graph graph) {
        List<LayerUse> used = new ArrayList<>();
        graph.roads().forEach(r -> used.add(new LayerUse(r.layerId(), LayerKind.ROAD, r.version())));
        return used;
    }

    private List<Feature> read(String ws, LayerKind kind, Collection<String> layerIds, Geometry area,
            List<LayerUse> used) {
        List<Feature> out = new ArrayList<>();
        for (Layer l : features.current(ws, kind, layerIds)) {
            used.add(new LayerUse(l.id(), kind, l.current().version()));
            out.addAll(area == null ? features.all(l.current()) : features.intersecting(l.current(), area));
        }
        return out;
    }
}
