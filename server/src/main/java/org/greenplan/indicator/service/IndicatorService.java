package org.greenplan.indicator.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.greenplan.geo.Feature;
import org.greenplan.geo.GaussKrugerZone;
import org.greenplan.indicator.AreaInputs;
import org.greenplan.indicator.DistanceMode;
import org.greenplan.indicator.Indicator;
import org.greenplan.indicator.IndicatorCatalogue;
import org.greenplan.indicator.IndicatorDefinition;
import org.greenplan.indicator.IndicatorResult;
import org.greenplan.indicator.Layers;
import org.greenplan.indicator.Parameters;
import org.greenplan.indicator.WalkingNetwork;
import org.greenplan.indicator.service.IndicatorFeatureRepository.Clip;
import org.greenplan.kind.LayerKind;
import org.greenplan.layer.Layer;
import org.greenplan.layer.LayerRepository;
import org.greenplan.layer.LayerVersion;
import org.greenplan.limits.Bulkheads;
import org.greenplan.network.service.NetworkCoverage;
import org.greenplan.workspace.Workspace;
import org.locationtech.jts.geom.Geometry;
import org.springframework.stereotype.Service;

/**
 * Computes an indicator for an area of a workspace: chooses the input layers (by default every published layer
 * of the workspace of each kind the indicator reads, combined; {@code layers=} restricts a kind to the named ones; {@code versions=}
 * reads a chosen version of a layer instead of its current one), loads their
 * features for the area from PostGIS, runs the engine and caches the run under (indicator, area,
 * effective parameters, layer versions).
 */
@Service
public class IndicatorService {

    /** Kinds measured only inside the area (the rule is the engine's, shared with the batch job). */
    private static final Set<LayerKind> CLIPPED = AreaInputs.CLIPPED;

    private static final int CACHE_ENTRIES = 256;
    /**
     * The runs' gap geometries and findings together, an eighth of the heap (128 MB at -Xmx1g): the gap map
     * of a city-wide life circle on the scale-121 city is ≈ 1.4 million vertices, ≈ 65 MB.
     */
    private static final long CACHE_BYTES = Runtime.getRuntime().maxMemory() / 8;

    private final LayerRepository layerRepository;
    private final IndicatorFeatureRepository features;
    private final NetworkCoverage networkCoverage;
    private final ResultCache<IndicatorRun> cache = new ResultCache<>(CACHE_ENTRIES, CACHE_BYTES,
            IndicatorService::weight);
    private final Bulkheads bulkheads;

    public IndicatorService(LayerRepository layerRepository, IndicatorFeatureRepository features,
            NetworkCoverage networkCoverage, Bulkheads bulkheads) {
        this.layerRepository = layerRepository;
        this.features = features;
        this.networkCoverage = networkCoverage;
        this.bulkheads = bulkheads;
    }

    public List<IndicatorDefinition> catalogue() {
        return IndicatorCatalogue.all();
    }

    public IndicatorDefinition definition(String id) {
        return IndicatorCatalogue.definition(id).orElseThrow(() -> new UnknownIndicatorException(id,
                IndicatorCatalogue.all().stream().map(IndicatorDefinition::id).toList()));
    }

    /**
     * Computes (or returns the cached run of) an indicator.
     *
     * @param area       {@code all}, an admin area id/code, or null
     * @param bbox       minLon,minLat,maxLon,maxLat or null (not together with an admin area)
     * @param layerIds   comma-separated layer ids restricting their kinds, or null
     * @param rawParams  the indicator's parameters as given
     */
    public IndicatorRun compute(Workspace ws, String indicatorId, String area, String bbox, String layerIds,
            Map<String, String> rawParams) {
        return compute(ws, indicatorId, area, bbox, layerIds, VersionPins.NONE, rawParams);
    }

    /**
     * As {@link #compute(Workspace, String, String, String, String, Map)}, reading the pinned version of each layer
     * named in {@code versions} instead of its current one (the cache key holds the version ids read).
     */
    public IndicatorRun compute(Workspace ws, String indicatorId, String area, String bbox, String layerIds,
            VersionPins versions, Map<String, String> rawParams) {
        return compute(ws, indicatorId, area, bbox, layerIds, versions, rawParams, null);
    }

    /**
     * As {@link #compute(Workspace, String, String, String, String, VersionPins, Map)}, on a scenario (方案) when
     * {@code scenario} is not null: the layers at the versions it pinned, its edits laid over them (see
     * {@link ScenarioInputs}); its key and revision are part of the cache key.
     */
    public IndicatorRun compute(Workspace ws, String indicatorId, String area, String bbox, String layerIds,
            VersionPins versions, Map<String, String> rawParams, ScenarioInputs scenario) {
        IndicatorDefinition def = definition(indicatorId);
        Parameters.of(def.parameters(), rawParams); // bad values are 400s before anything is read
        List<LayerUse> selected = select(ws.id(), def, layerIds, versions, scenario);
        Mode mode = mode(def, rawParams, selected);
        Map<String, String> params = rawParams;
        List<LayerUse> used = selected;
        if (mode != null) {
            params = new LinkedHashMap<>(rawParams);
            params.put(DistanceMode.PARAMETER, mode.mode());
            // roads are read only to walk on them; a straight-line run does not depend on their version
            used = mode.network() ? selected : selected.stream().filter(u -> u.kind() != LayerKind.ROAD).toList();
        }
        Parameters effective = Parameters.of(def.parameters(), params);
        Indicator indicator = def.create(params);
        List<LayerUse> inputs = used;
        AreaOfInterest aoi = resolveArea(ws.id(), area, bbox, inputs);
        GaussKrugerZone zone = ws.measuringSrid() == null ? null : GaussKrugerZone.ofEpsg(ws.measuringSrid());
        // the key holds the workspace and its measuring zone, the mode (in the effective parameters) and, in
        // network mode, the road layer versions
        String key = ws.id() + "|" + (zone == null ? "" : zone.epsg()) + "|" + cacheKey(indicatorId, aoi, effective,
                inputs) + (scenario == null ? "" : "|scenario " + scenario.key());
        // only a computation takes a slot of the bulkhead; a cached run is answered whatever the load
        IndicatorRun run = cache.get(key, () -> bulkheads.run(Bulkheads.Kind.INDICATOR,
                () -> run(ws.id(), zone, def, indicator, aoi, inputs, effective, key, mode, scenario)));
        if (mode != null && !mode.note().equals(run.modeNote())) {
            // the default and the asked-for mode share one cached run; the note says which this request was
            run = new IndicatorRun(run.definition(), run.result(), run.area(), run.layersUsed(), run.computedAt(),
                    run.computeMillis(), run.cacheKey(), run.mode(), mode.note());
        }
        return run;
    }

    /** The distance mode of a run and why it was chosen. */
    private record Mode(String mode, String note) {
        boolean network() {
            return DistanceMode.NETWORK.equals(mode);
        }
    }

    /**
     * Network when asked for or, by default, when a road layer is among the layers read; Euclidean when asked
     * for or when there is no road layer. Null for indicators that do not measure distance.
     */
    private static Mode mode(IndicatorDefinition def, Map<String, String> raw, List<LayerUse> selected) {
        if (def.parameters().stream().noneMatch(p -> p.name().equals(DistanceMode.PARAMETER))) {
            return null;
        }
        List<LayerUse> roads = selected.stream().filter(u -> u.kind() == LayerKind.ROAD).toList();
        String asked = raw.get(DistanceMode.PARAMETER);
        String roadNames = roads.stream().map(u -> u.id() + " v" + u.version()).collect(Collectors.joining(", "));
        if (asked == null || asked.isBlank()) {
            return roads.isEmpty()
                    ? new Mode(DistanceMode.EUCLIDEAN, "mode=euclidean by default: no road layer (kind 'road') among "
                            + "the layers read, so distances are straight lines; upload a road layer for walking distances")
                    : new Mode(DistanceMode.NETWORK, "mode=network by default: walking distances on road layer "
                            + roadNames + "; add mode=euclidean for straight-line distances");
        }
        String m = asked.trim();
        if (m.equals(DistanceMode.NETWORK) && roads.isEmpty()) {
            throw new MissingLayerException(def.id(), List.of(LayerKind.ROAD));
        }
        return new Mode(m, m.equals(DistanceMode.NETWORK) ? "mode=network as asked: walking distances on road layer "
                + roadNames : "mode=euclidean as asked: straight-line distances");
    }

    /**
     * A run's heap, estimated: JTS keeps a vertex as a Coordinate object (≈ 40 bytes) plus its reference, and
     * the small records around it cost about a kilobyte; findings carry a geometry each.
     */
    static long weight(IndicatorRun run) {
        IndicatorResult r = run.result();
        long vertices = r.gaps() == null ? 0 : r.gaps().getNumPoints();
        long findings = 0;
        for (var f : r.findings()) {
            findings += 512 + (f.geometry() == null ? 0 : 48L * f.geometry().getNumPoints());
        }
        return 1024 + 48 * vertices + findings + 256L * r.breakdown().size();
    }

    /** Estimated bytes of the cached runs (for tests and diagnostics). */
    public long cacheBytes() {
        return cache.bytes();
    }

    /** Runs answered from the cache (metrics). */
    public long cacheHits() {
        return cache.hits();
    }

    /** Runs not found in the cache: computed, or shared with a request computing them (metrics). */
    public long cacheMisses() {
        return cache.misses();
    }

    /** The cached run for a key, if still cached (for tests and diagnostics). */
    public int cacheSize() {
        return cache.size();
    }

    private IndicatorRun run(String ws, GaussKrugerZone zone, IndicatorDefinition def, Indicator indicator,
            AreaOfInterest aoi, List<LayerUse> used, Parameters effective, String key, Mode mode,
            ScenarioInputs scenario) {
        long t0 = System.nanoTime();
        Layers.Builder b = Layers.builder().measuringZone(zone);
        List<String> roads = new ArrayList<>();
        List<LayerUse> roadUses = new ArrayList<>();
        for (LayerUse u : used) {
            if (u.kind() == LayerKind.ROAD) {
                roads.add(u.id()); // walked on through the cached graph, never loaded as features here
                roadUses.add(u);
            } else {
                b.add(u.kind(), load(def, u, aoi, effective, scenario));
            }
        }
        if (mode != null && mode.network()) {
            b.network(scenarioRoads(scenario, roadUses) ? scenarioNetwork(scenario, roadUses)
                    : networkCoverage.walkingNetwork(ws, roads));
        }
        if (aoi.geometry() != null) {
            b.areaOfInterest(aoi.geometry());
        }
        IndicatorResult result = indicator.compute(b.build());
        io.micrometer.core.instrument.Metrics.timer("greenplan.indicator.compute", "indicator", def.id())
                .record(System.nanoTime() - t0, java.util.concurrent.TimeUnit.NANOSECONDS);
        return new IndicatorRun(def, result, aoi, used, Instant.now(), (System.nanoTime() - t0) / 1_000_000, key,
                mode == null ? null : mode.mode(), mode == null ? null : mode.note());
    }

    private List<Feature> load(IndicatorDefinition def, LayerUse u, AreaOfInterest aoi, Parameters effective,
            ScenarioInputs scenario) {
        ScenarioInputs.Edits edits = scenario == null ? null : scenario.editsOf(u.id());
        if (edits == null) {
            return load(def, u, aoi, effective);
        }
        Geometry area = aoi.geometry() == null ? null : def.reach().kinds().contains(u.kind())
                ? expand(aoi.geometry(), def.reach().metres(effective)) : aoi.geometry();
        Clip clip = aoi.geometry() == null || def.reach().kinds().contains(u.kind()) || !CLIPPED.contains(u.kind())
                ? Clip.NONE : clipOf(u.kind());
        return edits.apply(load(def, u, aoi, effective), area, clip);
    }

    private static Clip clipOf(LayerKind kind) {
        return switch (kind.geometry()) {
            case LINE -> Clip.LINES;
            case POINT -> Clip.POINTS;
            default -> Clip.POLYGONS;
        };
    }

    /**
     * Whether the scenario walks on other roads than the cached graph of the current versions: it edits a road
     * layer or pins one at another version than the current.
     */
    private boolean scenarioRoads(ScenarioInputs scenario, List<LayerUse> roads) {
        if (scenario == null) {
            return false;
        }
        for (LayerUse u : roads) {
            Layer l = layerRepository.find(scenario.workspace(), u.id()).orElse(null);
            if (scenario.editsOf(u.id()) != null || l == null || l.current() == null || l.current().id() != u.versionId()) {
                return true;
            }
        }
        return false;
    }

    /** Graphs of scenarios' roads, the latest few (a build takes seconds on a city; every run of an edit shares it). */
    private final Map<String, WalkingNetwork> scenarioNetworks = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(8, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, WalkingNetwork> eldest) {
                    return size() > 4;
                }
            });

    private WalkingNetwork scenarioNetwork(ScenarioInputs scenario, List<LayerUse> roads) {
        String key = scenario.key() + "|" + roads.stream().map(u -> u.id() + "#" + u.versionId()).sorted()
                .collect(Collectors.joining(","));
        WalkingNetwork n = scenarioNetworks.get(key);
        if (n == null) {
            List<Feature> merged = new ArrayList<>();
            for (LayerUse u : roads) {
                List<Feature> base = features.load(u.versionId(), null, Clip.NONE);
                ScenarioInputs.Edits e = scenario.editsOf(u.id());
                merged.addAll(e == null ? base : e.apply(base, null, Clip.NONE));
            }
            n = bulkheads.run(Bulkheads.Kind.WALK_GRAPH_BUILD, () -> networkCoverage.walkingNetwork(merged,
                    "scenario " + scenario.key() + " roads " + roads.stream().map(u -> u.id() + " v" + u.version())
                            .collect(Collectors.joining(", "))));
            scenarioNetworks.put(key, n);
        }
        return n;
    }

    private List<Feature> load(IndicatorDefinition def, LayerUse u, AreaOfInterest aoi, Parameters effective) {
        if (aoi.geometry() == null) {
            return features.load(u.versionId(), null, Clip.NONE);
        }
        if (def.reach().kinds().contains(u.kind())) {
            // parks and facilities outside the area still serve residents inside it, up to their reach
            return features.load(u.versionId(), expand(aoi.geometry(), def.reach().metres(effective)), Clip.NONE);
        }
        if (!CLIPPED.contains(u.kind())) {
            return features.load(u.versionId(), aoi.geometry(), Clip.NONE);
        }
        Clip clip = switch (u.kind().geometry()) {
            case LINE -> Clip.LINES;
            case POINT -> Clip.POINTS;
            default -> Clip.POLYGONS;
        };
        return features.load(u.versionId(), aoi.geometry(), clip);
    }

    private static Geometry expand(Geometry area, double metres) {
        return AreaInputs.around(area, metres);
    }

    /**
     * Every published layer of each kind the indicator reads, combined; with {@code layers=} exactly the
     * named layers (those of kinds the indicator does not read are ignored, so one list can serve several
     * indicators). Exactly, not "named kinds narrowed, other kinds all": otherwise a query about one city's
     * layers would silently pull in another city's admin areas or built-up area.
     */
    List<LayerUse> select(String ws, IndicatorDefinition def, String layerIds, VersionPins versions) {
        return select(ws, def, layerIds, versions, null);
    }

    private List<LayerUse> select(String ws, IndicatorDefinition def, String layerIds, VersionPins versions,
            ScenarioInputs scenario) {
        List<LayerKind> kinds = def.kinds();
        List<Layer> all = layerRepository.findAll(ws).stream().filter(l -> l.current() != null).toList();
        Map<String, LayerVersion> explicit = pinnedVersions(ws, all, versions);
        Map<String, LayerVersion> pinned = explicit;
        if (scenario != null) {
            // the scenario's pins where versions= does not name another (those are checked against layers= below)
            pinned = new java.util.HashMap<>(scenario.pinned());
            pinned.keySet().removeIf(id -> all.stream().noneMatch(l -> l.id().equals(id)));
            pinned.putAll(explicit);
            if (layerIds != null && !layerIds.isBlank()) {
                java.util.Set<String> named = java.util.Set.of(layerIds.replace(" ", "").split(","));
                pinned.keySet().removeIf(id -> !named.contains(id) && !explicit.containsKey(id));
            }
        }
        List<Layer> chosen = all;
        if (layerIds != null && !layerIds.isBlank()) {
            chosen = new ArrayList<>();
            for (String raw : layerIds.split(",")) {
                String id = raw.trim();
                if (id.isEmpty()) {
                    continue;
                }
                Layer l = all.stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow(() ->
                        new IndicatorRequestException("layers", "no published layer '" + id + "'"));
                if (!chosen.contains(l)) {
                    chosen.add(l);
                }
            }
        }
        List<LayerUse> used = new ArrayList<>();
        Map<String, LayerVersion> read = pinned;
        for (LayerKind kind : kinds) {
            chosen.stream().filter(l -> l.kind() == kind).forEach(l -> {
                LayerVersion v = read.getOrDefault(l.id(), l.current());
                used.add(new LayerUse(l.id(), kind, v.version(), v.id()));
            });
        }
        if (chosen != all) {
            for (String id : explicit.keySet()) {
                if (chosen.stream().noneMatch(l -> l.id().equals(id))) {
                    throw new IndicatorRequestException("versions", "layer '" + id + "' has a version pinned but is "
                            + "not among layers=");
                }
            }
        }
        List<LayerKind> missing = def.required().stream()
                .filter(k -> used.stream().noneMatch(u -> u.kind() == k)).sorted().toList();
        if (!missing.isEmpty()) {
            throw new MissingLayerException(def.id(), missing);
        }
        return used;
    }

    private Map<String, LayerVersion> pinnedVersions(String ws, List<Layer> all, VersionPins versions) {
        Map<String, LayerVersion> pinned = new java.util.HashMap<>();
        versions.asMap().forEach((id, version) -> {
            if (all.stream().noneMatch(l -> l.id().equals(id))) {
                throw new IndicatorRequestException("versions", "no published layer '" + id + "'");
            }
            LayerVersion v = layerRepository.findVersion(ws, id, version).orElseThrow(() -> new IndicatorRequestException(
                    "versions", "layer '" + id + "' has no version " + version + "; see GET /api/v1/layers/" + id));
            pinned.put(id, v);
        });
        return pinned;
    }

    private AreaOfInterest resolveArea(String ws, String area, String bbox, List<LayerUse> used) {
        boolean hasArea = area != null && !area.isBlank() && !area.trim().equals("all");
        if (bbox != null && !bbox.isBlank()) {
            if (hasArea) {
                throw new IndicatorRequestException("area", "give either area or bbox, not both");
            }
            try {
                return AreaOfInterest.bbox(bbox);
            } catch (IllegalArgumentException e) {
                throw new IndicatorRequestException("bbox", e.getMessage());
            }
        }
        if (!hasArea) {
            return AreaOfInterest.ALL;
        }
        String key = area.trim();
        List<Long> adminVersions = used.stream().filter(u -> u.kind() == LayerKind.ADMIN_AREA).map(LayerUse::versionId)
                .toList();
        if (adminVersions.isEmpty()) {
            adminVersions = layerRepository.findAll(ws).stream()
                    .filter(l -> l.kind() == LayerKind.ADMIN_AREA && l.current() != null)
                    .map(l -> l.current().id()).toList();
        }
        var found = adminVersions.isEmpty() ? java.util.Optional.<IndicatorFeatureRepository.AdminArea>empty()
                : features.findAdminArea(adminVersions, key);
        var a = found.orElseThrow(() -> new IndicatorRequestException("area", "no admin area with id, code or name '" + key
                + "'; use area=all, an admin area's id, code or name, or bbox=minLon,minLat,maxLon,maxLat"));
        return new AreaOfInterest("admin_area", a.code(), a.name(), a.geometry());
    }

    /**
     * The run's identity, from normalised values only: the effective parameters (defaults filled in, numbers in
     * one spelling, names sorted) and the area's canonical key, so no spelling of a request computes twice.
     */
    private static String cacheKey(String id, AreaOfInterest aoi, Parameters effective, List<LayerUse> used) {
        Map<String, String> params = new TreeMap<>();
        effective.asMap().forEach((k, v) -> params.put(k, v instanceof Number n ? AreaOfInterest.canonical(n.doubleValue())
                : String.valueOf(v)));
        return id + "|" + aoi.key() + "|" + params + "|" + used.stream()
                .map(u -> u.id() + "@" + u.version() + "#" + u.versionId()).sorted().collect(Collectors.joining(","));
    }

    /**
     * The layers an indicator reads in a whole workspace, loaded and with its walking network in network mode, as
     * {@link #compute} would hand them to the engine, and the effective parameters (the mode filled in): for work
     * that must see exactly the indicator's inputs, such as the siting's demand.
     */
    public Inputs inputs(Workspace ws, String indicatorId, String layerIds, Map<String, String> rawParams) {
        IndicatorDefinition def = definition(indicatorId);
        Parameters.of(def.parameters(), rawParams);
        List<LayerUse> selected = select(ws.id(), def, layerIds, VersionPins.NONE);
        Mode mode = mode(def, rawParams, selected);
        Map<String, String> params = new LinkedHashMap<>(rawParams);
        if (mode != null) {
            params.put(DistanceMode.PARAMETER, mode.mode());
        }
        GaussKrugerZone zone = ws.measuringSrid() == null ? null : GaussKrugerZone.ofEpsg(ws.measuringSrid());
        Layers.Builder b = Layers.builder().measuringZone(zone);
        List<String> roads = new ArrayList<>();
        Parameters effective = Parameters.of(def.parameters(), params);
        for (LayerUse u : selected) {
            if (u.kind() == LayerKind.ROAD) {
                roads.add(u.id());
            } else {
                b.add(u.kind(), load(def, u, AreaOfInterest.ALL, effective));
            }
        }
        if (mode != null && mode.network()) {
            b.network(networkCoverage.walkingNetwork(ws.id(), roads));
        }
        List<LayerUse> used = mode != null && !mode.network()
                ? selected.stream().filter(u -> u.kind() != LayerKind.ROAD).toList() : selected;
        return new Inputs(b.build(), params, used);
    }

    /** An indicator's inputs: the loaded layers, the parameters with the mode filled in, the layer versions read. */
    public record Inputs(Layers layers, Map<String, String> params, List<LayerUse> used) {
    }
}
