package org.greenplan.api;

import java.util.List;
import org.greenplan.Decimals;
import org.greenplan.network.GraphStats;
import org.greenplan.network.service.NetworkService.RoadVersion;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/isochrones}: a GeoJSON FeatureCollection of rings, one polygon per walking time, with
 * the facilities reached (a FeatureCollection of their own), the residents inside each ring and how they were
 * found ({@code populationSource}: parcel, floor_area, land_area or none; absent without a residential layer), the origins as snapped to the network, the speed
 * (absent with the GB 50180 distances), the road and facility layer versions read and the graph used.
 */
public record IsochroneResponse(String type, List<RingFeature> features, FacilityCollection facilities,
        List<OriginView> origins, Double speed, String distances, List<LayerVersion> layers,
        List<LayerVersion> facilityLayers, GraphView graph, String populationSource) {

    /** The area reached within {@code minutes}, with the facilities inside it. */
    public record RingFeature(String type, String id, RingProperties properties, JsonNode geometry) {
    }

    /** {@code residents}: who lives inside the ring (absent without a residential layer), see {@code populationSource}. */
    public record RingProperties(double minutes, double distanceMetres, long areaM2, int reachedEdges,
            long facilityCount, Long residents) {
    }

    public record FacilityCollection(String type, List<FacilityFeature> features) {
    }

    /** A facility reached, with the smallest ring that holds it ({@code minutes}). */
    public record FacilityFeature(String type, long id, FacilityProperties properties, JsonNode geometry) {
    }

    public record FacilityProperties(String layer, String name, String category, double distanceMetres,
            double minutes) {
    }

    /** An origin as given and as snapped to the nearest walkable street. */
    public record OriginView(List<Double> point, List<Double> snapped, double offsetMetres) {
    }

    /** A layer version read. */
    public record LayerVersion(String id, int version) {

        static List<LayerVersion> of(List<RoadVersion> versions) {
            return versions.stream().map(v -> new LayerVersion(v.layerId(), v.version())).toList();
        }
    }

    /** A walking graph: its size, what was left out and what it cost to build. */
    public record GraphView(int nodes, int edges, double km, int roadsUsed, int roadsNotWalkable, int componentsKept,
            int islandsDropped, double islandsDroppedKm, long buildMillis, long memoryBytes) {

        static GraphView of(GraphStats s) {
            return new GraphView(s.nodes(), s.edges(), Decimals.round(s.totalKm(), 1), s.roadsUsed(),
                    s.roadsNotWalkable(), s.componentsKept(), s.componentsDropped(), Decimals.round(s.droppedKm(), 1), s.buildMillis(),
                    s.memoryBytes());
        }
    }

    /** {@code GET /api/v1/network/graphs}: the walking graphs held in memory and the cache's counters. */
    public record GraphCacheResponse(int maxGraphs, long builds, long hits, long evictions,
            List<List<LayerVersion>> building, List<CachedGraph> graphs) {
    }

    public record CachedGraph(List<LayerVersion> layers, GraphView stats) {
    }
}
