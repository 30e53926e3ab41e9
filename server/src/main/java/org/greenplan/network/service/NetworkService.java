package org.greenplan.network.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.greenplan.geo.Feature;
import org.greenplan.indicator.Layers;
import org.greenplan.indicator.ResidentsWithin;
import org.greenplan.kind.LayerKind;
import org.greenplan.layer.Layer;
import org.greenplan.layer.LayerFeatures;
import org.greenplan.layer.LayerVersion;
import org.greenplan.limits.Bulkheads;
import org.greenplan.network.EdgeSnapper;
import org.greenplan.network.GraphStats;
import org.greenplan.network.Isochrone;
import org.greenplan.network.LifeCircle;
import org.greenplan.network.MultiSourceDijkstra;
import org.greenplan.network.NetworkDistances;
import org.greenplan.network.NoWalkableNetworkException;
import org.greenplan.network.ServiceArea;
import org.greenplan.network.Snap;
import org.greenplan.network.WalkGraph;
import org.greenplan.network.WalkGraphBuilder;
import org.greenplan.network.WalkGraphCache;
import org.greenplan.network.WalkGraphFile;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The walking graph of the road layers in use, cached, and isochrones on it.
 *
 * <p><b>Which roads.</b> Every road layer of the workspace at its current version, combined into one graph, unless the
 * request names layers: then the road layers among them. The cache key is the sorted list of (workspace,
 * layer id, version), so a new version of a road layer is a new key: its graph is built on first use (by the first
 * caller; others asking for it wait for that build) while requests holding the old graph go on, and the
 * superseded graph is dropped once the new one is ready. At most {@code greenplan.network.cache-size}
 * graphs (default 4) are kept, least recently used evicted.
 *
 * <p><b>Persisted.</b> A graph built is also written to {@code greenplan.network.graph-dir} (default
 * {@code .data/graphs}), one {@link WalkGraphFile} per set of road versions and builder settings, so after a
 * restart the first network request reads it (one pass over a ~40 MB file for a city) instead of building.
 * A file of another format, another build or damaged is rebuilt and replaced, never trusted.
 */
@Service
public class NetworkService {

    private static final Logger log = LoggerFactory.getLogger(NetworkService.class);

    /**
     * One road (or facility) layer version of a workspace a graph was built from. The version row id is in the
     * key because only it is never reused: a layer deleted and uploaded again under its id is version 1 again.
     */
    public record RoadVersion(String workspace, String layerId, int version, long versionId) {
    }

    /** A graph with the road layer versions it was built from (sorted by layer id). */
    public record Graph(WalkGraph graph, List<RoadVersion> roads) {
    }

    private final LayerFeatures features;
    private final WalkGraphCache<List<RoadVersion>> cache;
    private final double maxSnapMetres;
    private final double minComponentMetres;
    /** Where graphs are persisted, one file per set of road versions; null: not persisted. */
    private final Path graphDir;
    private final Bulkheads bulkheads;

    public NetworkService(LayerFeatures features, NetworkProperties settings, Bulkheads bulkheads) {
        this.features = features;
        this.cache = new WalkGraphCache<>(settings.cacheSize());
        this.maxSnapMetres = settings.maxSnapMetres();
        this.minComponentMetres = settings.minComponentMetres();
        this.graphDir = settings.graphDir().isBlank() ? null : Path.of(settings.graphDir());
        this.bulkheads = bulkheads;
    }

    public WalkGraphCache<List<RoadVersion>> cache() {
        return cache;
    }

    public double maxSnapMetres() {
        return maxSnapMetres;
    }

    /** Whether any road layer (among the named ones, if named) has a published version. */
    public boolean hasRoadLayer(String ws, Collection<String> layerIds) {
        return !features.current(ws, LayerKind.ROAD, layerIds).isEmpty();
    }

    /**
     * The graph of the road layers in use, from the cache or built now.
     *
     * @throws NetworkRequestException (field {@code layers}) when there is no road layer or nothing walkable
     */
    public Graph graph(String ws, Collection<String> layerIds) {
        List<Layer> roads = features.current(ws, LayerKind.ROAD, layerIds);
        if (roads.isEmpty()) {
            throw new NetworkRequestException("layers", layerIds == null || layerIds.isEmpty()
                    ? "there is no road layer (kind 'road') to walk on; upload one first"
                    : "none of the layers named is a road layer (kind 'road') with a published version");
        }
        List<RoadVersion> key = roads.stream().map(l -> new RoadVersion(ws, l.id(), l.current().version(), l.current().id()))
                .sorted(Comparator.comparing(RoadVersion::layerId)).toList();
        WalkGraph g;
        try {
            // a build (seconds, 50-150 MB for a city) takes a slot; a cached graph does not
            g = cache.get(key, k -> bulkheads.run(Bulkheads.Kind.WALK_GRAPH_BUILD, () -> build(k, roads)));
        } catch (NoWalkableNetworkException e) {
            throw new NetworkRequestException("layers", "road layers " + describe(key) + ": " + e.getMessage());
        }
        // a newer version of the same road layers supersedes the graphs of older ones
        cache.invalidateIf(k -> !k.equals(key) && sameLayers(k, key) && older(k, key));
        return new Graph(g, key);
    }

    /** A graph builder with this server's settings (the cached graphs' and the scenarios' alike). */
    public WalkGraphBuilder builder() {
        return new WalkGraphBuilder().keepComponentsOfAtLeast(minComponentMetres);
    }

    private WalkGraph build(List<RoadVersion> key, List<Layer> roads) {
        WalkGraphBuilder builder = builder();
        String provenance = provenance(roads, builder);
        Path file = graphDir == null ? null : graphDir.resolve(sha256(provenance) + ".walkgraph");
        if (file != null) {
            try {
                WalkGraph stored = WalkGraphFile.read(file, provenance);
                if (stored != null) {
                    log.info("walking graph of {}: read from {} in {} ms ({} edges, {} MB); {}", describe(key), file,
                            stored.stats().buildMillis(), stored.stats().edges(), stored.stats().memoryBytes() >> 20,
                            stored.stats().componentsNote());
                    return stored;
                }
                if (Files.exists(file)) {
                    log.warn("walking graph file {} is of another format, another build or damaged: rebuilding it", file);
                }
            } catch (IOException e) {
                log.warn("walking graph file {} could not be read ({}): rebuilding it", file, e.toString());
            }
        }
        long t0 = System.nanoTime();
        // streamed from the cursor into the builder, which keeps only the walkable lines' vertices
        WalkGraphBuilder.Roads in = builder.roads();
        for (Layer l : roads) {
            features.forEach(l.current(), in);
        }
        long read = (System.nanoTime() - t0) / 1_000_000;
        WalkGraph g = in.build();
        GraphStats s = g.stats();
        log.info("walking graph of {}: {} road features streamed in {} ms; {} nodes, {} edges, {} km, built in {} ms, "
                + "{} MB; {} roads not walkable; {}", describe(key), s.roadsUsed() + s.roadsNotWalkable(), read,
                s.nodes(), s.edges(), Math.round(s.totalKm()), s.buildMillis(), s.memoryBytes() >> 20,
                s.roadsNotWalkable(), s.componentsNote());
        if (file != null) {
            try {
                WalkGraphFile.write(g, provenance, file);
            } catch (IOException | UncheckedIOException e) {
                log.warn("walking graph of {} not stored in {} ({}); it is rebuilt after a restart", describe(key),
                        file, e.toString());
            }
        }
        return g;
    }

    /**
     * What a stored graph must have been built from to be used: each road layer version (its row id, feature
     * count and creation time too, so a database made anew with the same layer ids never matches an old file)
     * and the builder's settings.
     */
    static String provenance(List<Layer> roads, WalkGraphBuilder builder) {
        StringBuilder b = new StringBuilder();
        for (Layer l : roads) {
            LayerVersion v = l.current();
            b.append(l.id()).append(" v").append(v.version()).append(" #").append(v.id()).append(" n")
                    .append(v.featureCount()).append(" at ").append(v.createdAt()).append("; ");
        }
        return b.append(builder.fingerprint()).toString();
    }

    private static String sha256(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8))).substring(0, 32);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean sameLayers(List<RoadVersion> a, List<RoadVersion> b) {
        return a.size() == b.size() && a.stream().map(RoadVersion::layerId).toList()
                .equals(b.stream().map(RoadVersion::layerId).toList());
    }

    private static boolean older(List<RoadVersion> a, List<RoadVersion> b) {
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).version() > b.get(i).version()) {
                return false;
            }
        }
        return true;
    }

    static String describe(List<RoadVersion> key) {
        return String.join(", ", key.stream().map(r -> r.layerId() + " v" + r.version()).toList());
    }

    // ------------------------------------------------------------------------------------------ isochrones

    /** One ring: the area within {@code distanceMetres} of walking. */
    public record Ring(double minutes, double distanceMetres, Geometry area, double areaM2, int reachedEdges,
            Double residents) {
    }

    /** A facility reached within the largest ring: its walking distance and the smallest ring holding it. */
    public record ReachedFacility(String layerId, Feature feature, double distanceMetres, double minutes) {
    }

    /** Where an origin was attached to the network. */
    public record Origin(double lon, double lat, double snappedLon, double snappedLat, double offsetMetres) {
    }

    public record IsochroneResult(List<Ring> rings, List<ReachedFacility> facilities, List<Origin> origins,
            List<RoadVersion> roads, List<RoadVersion> facilityLayers, GraphStats graph, double speed,
            boolean gb50180Distances, String populationSource) {
    }

    /**
     * Isochrones from the origins together (the area within each distance of the nearest origin).
     *
     * @param lonLat    origins as {lon, lat}
     * @param minutes   walking times, ascending or not (the rings come back in the order given)
     * @param speed     metres per minute, or NaN for the GB 50180-2018 distances (5/10/15 min → 300/500/1000 m)
     * @param ws        the workspace whose layers are used
     * @param layerIds  layers to use (road and facility ones among them), or null/empty for all
     * @throws NetworkRequestException field {@code minutes} when a time has no GB 50180 distance and no speed
     *                                 is given; {@code points} when an origin is too far from every street
     */
    public IsochroneResult isochrones(String ws, List<double[]> lonLat, double[] minutes, double speed,
            Collection<String> layerIds) {
        return bulkheads.run(Bulkheads.Kind.ISOCHRONE, () -> compute(ws, lonLat, minutes, speed, layerIds));
    }

    private IsochroneResult compute(String ws, List<double[]> lonLat, double[] minutes, double speed,
            Collection<String> layerIds) {
        double[] distances = new double[minutes.length];
        boolean gb = Double.isNaN(speed);
        for (int i = 0; i < minutes.length; i++) {
            if (gb) {
                Double d = minutes[i] == Math.rint(minutes[i]) ? LifeCircle.GB50180_METRES.get((int) minutes[i]) : null;
                if (d == null) {
                    throw new NetworkRequestException("minutes", "GB 50180-2018 gives walking distances for 5, 10 "
                            + "and 15 minutes only; for " + fmt(minutes[i]) + " minutes give a walking speed "
                            + "('speed', metres per minute)");
                }
                distances[i] = d;
            } else {
                distances[i] = minutes[i] * speed;
            }
        }
        Graph graph = graph(ws, layerIds);
        WalkGraph g = graph.graph();
        EdgeSnapper snapper = new EdgeSnapper(g, maxSnapMetres);
        List<Snap> snaps = new ArrayList<>();
        List<Origin> origins = new ArrayList<>();
        for (int i = 0; i < lonLat.size(); i++) {
            double[] p = lonLat.get(i);
            double[] xy = g.zone().project(p[0], p[1]);
            Snap s = snapper.snap(xy[0], xy[1]);
            if (!s.reachable()) {
                throw new NetworkRequestException("points", "point " + i + " (" + p[0] + ", " + p[1]
                        + ") is more than " + fmt(maxSnapMetres) + " m from every walkable street of "
                        + describe(graph.roads()) + "; choose a point nearer to a street");
            }
            snaps.add(s);
            double[] snapped = g.zone().unproject(s.x(), s.y());
            origins.add(new Origin(p[0], p[1], snapped[0], snapped[1], s.offset()));
        }
        List<ServiceArea> areas = new Isochrone(g).maxSnapDistance(maxSnapMetres).fromSnaps(snaps, distances);
        double max = Arrays.stream(distances).max().orElse(0);
        NetworkDistances reach = new MultiSourceDijkstra(g).from(snaps, max);
        // walking is never shorter than the straight line: facilities beyond max of every origin are out
        Envelope box = new Envelope();
        for (Snap s : snaps) {
            box.expandToInclude(s.x(), s.y());
        }
        box.expandBy(max);
        double[] sw = g.zone().unproject(box.getMinX(), box.getMinY());
        double[] ne = g.zone().unproject(box.getMaxX(), box.getMaxY());
        double[] nw = g.zone().unproject(box.getMinX(), box.getMaxY());
        double[] se = g.zone().unproject(box.getMaxX(), box.getMinY());
        Envelope lonLatBox = new Envelope(Math.min(sw[0], nw[0]), Math.max(ne[0], se[0]), Math.min(sw[1], se[1]),
                Math.max(ne[1], nw[1]));

        ResidentsWithin.Count residents = residents(ws, layerIds, lonLatBox, g.zone(),
                areas.stream().map(ServiceArea::area).toList());
        List<Ring> rings = new ArrayList<>();
        for (int i = 0; i < areas.size(); i++) {
            ServiceArea a = areas.get(i);
            rings.add(new Ring(minutes[i], distances[i], a.area(), a.areaM2(), a.reachedEdges(),
                    residents == null ? null : residents.residents()[i]));
        }
        List<ReachedFacility> reached = new ArrayList<>();
        List<RoadVersion> facilityLayers = new ArrayList<>();
        for (Layer l : features.current(ws, LayerKind.FACILITY, layerIds)) {
            facilityLayers.add(new RoadVersion(ws, l.id(), l.current().version(), l.current().id()));
            for (Feature f : features.inBox(l.current(), lonLatBox)) {
                double d = reach.distanceTo(snapper.snapLonLat(f.geometry()));
                if (d < Double.POSITIVE_INFINITY) {
                    double ring = Double.NaN;
                    for (int i = 0; i < distances.length; i++) {
                        if (d <= distances[i] && (Double.isNaN(ring) || minutes[i] < ring)) {
                            ring = minutes[i];
                        }
                    }
                    reached.add(new ReachedFacility(l.id(), f, d, ring));
                }
            }
        }
        reached.sort(Comparator.comparingDouble(ReachedFacility::distanceMetres));
        return new IsochroneResult(rings, reached, origins, graph.roads(), facilityLayers, g.stats(), speed, gb,
                residents == null ? null : residents.source());
    }

    /**
     * The residents inside each ring ({@link ResidentsWithin}), or null when the workspace has no residential
     * layer. Residential, admin-area and building layers named in {@code layerIds} are used, else all of the
     * workspace's. The admin areas touching the rings are read whole, with all residential land and buildings
     * inside them, so an admin area's population is spread over all its parcels, not only the reached ones.
     */
    private ResidentsWithin.Count residents(String ws, Collection<String> layerIds, Envelope lonLatBox,
            org.greenplan.geo.GaussKrugerZone zone, List<Geometry> rings) {
        List<Layer> parcelLayers = layersOf(ws, LayerKind.RESIDENTIAL, layerIds);
        if (parcelLayers.isEmpty()) {
            return null;
        }
        List<Feature> admin = new ArrayList<>();
        for (Layer l : layersOf(ws, LayerKind.ADMIN_AREA, layerIds)) {
            admin.addAll(features.inBox(l.current(), lonLatBox));
        }
        Envelope wide = new Envelope(lonLatBox);
        admin.forEach(a -> wide.expandToInclude(a.geometry().getEnvelopeInternal()));
        Layers.Builder layers = Layers.builder().measuringZone(zone).add(LayerKind.ADMIN_AREA, admin);
        for (LayerKind kind : List.of(LayerKind.RESIDENTIAL, LayerKind.BUILDING)) {
            for (Layer l : layersOf(ws, kind, layerIds)) {
                layers.add(kind, features.inBox(l.current(), wide));
            }
        }
        return ResidentsWithin.of(layers.build(), rings);
    }

    /** The layers of a kind named in {@code layerIds}, or all the workspace's of that kind when none is named. */
    private List<Layer> layersOf(String ws, LayerKind kind, Collection<String> layerIds) {
        List<Layer> named = features.current(ws, kind, layerIds);
        return named.isEmpty() && layerIds != null && !layerIds.isEmpty() ? features.current(ws, kind, null) : named;
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
