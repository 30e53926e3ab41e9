package org.greenplan.api;

import java.util.concurrent.Callable;
import java.util.List;
import org.greenplan.Decimals;
import org.greenplan.api.IsochroneResponse.CachedGraph;
import org.greenplan.api.IsochroneResponse.FacilityCollection;
import org.greenplan.api.IsochroneResponse.FacilityFeature;
import org.greenplan.api.IsochroneResponse.FacilityProperties;
import org.greenplan.api.IsochroneResponse.GraphCacheResponse;
import org.greenplan.api.IsochroneResponse.GraphView;
import org.greenplan.api.IsochroneResponse.LayerVersion;
import org.greenplan.api.IsochroneResponse.OriginView;
import org.greenplan.api.IsochroneResponse.RingFeature;
import org.greenplan.api.IsochroneResponse.RingProperties;
import org.greenplan.geo.GeoJson;
import org.greenplan.layer.LayerNotFoundException;
import org.greenplan.limits.RequestLimits;
import org.greenplan.network.WalkGraphCache;
import org.greenplan.network.service.NetworkService;
import org.greenplan.network.service.NetworkService.IsochroneResult;
import org.greenplan.network.service.NetworkService.RoadVersion;
import org.locationtech.jts.geom.Geometry;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectMapper;

/**
 * Walking isochrones: {@code POST /api/v1/isochrones} with
 * {@code {"points": [[lon,lat],…] | GeoJSON Point/MultiPoint (or an array of Points), "minutes": [5,10,15],
 * "speed": 60, "layers": ["demo-road", …]}} answers a GeoJSON FeatureCollection, one polygon per ring
 * (properties {@code minutes, distanceMetres, areaM2, reachedEdges, facilityCount, residents}), with a member
 * {@code facilities}: a FeatureCollection of the facilities reached within the largest ring (properties
 * {@code layer, name, category, distanceMetres, minutes} = the smallest ring that holds it).
 * {@code GET /api/v1/network/graphs} lists the walking graphs held in memory.
 */
@RestController
public class IsochroneController {

    private final NetworkService network;
    private final ObjectMapper json;
    private final RequestLimits limits;

    public IsochroneController(NetworkService network, ObjectMapper json, RequestLimits limits) {
        this.network = network;
        this.json = json;
        this.limits = limits;
    }

    @PostMapping(value = {"/api/v1/workspaces/{ws}/isochrones", "/api/v1/isochrones"},
            consumes = {"application/json", "application/geo+json"}, produces = {"application/geo+json", "application/json"})
    public Callable<IsochroneResponse> isochrones(WorkspaceScope scope, @RequestBody(required = false) String body) {
        IsochroneRequest req = IsochroneRequest.read(body, json, limits);
        // computed off the request thread, so a client hanging up stops the search (CancelOnDisconnect)
        return () -> {
            IsochroneResult r;
            try {
                r = network.isochrones(scope.id(), req.points(), req.minutes(), req.speed(), req.layers());
            } catch (LayerNotFoundException e) {
                throw new BadRequestException("layers", e.getMessage());
            }
            return geoJson(r);
        };
    }

    /** The cache's counters are the server's; the graphs listed are the workspace's. */
    @GetMapping(value = {"/api/v1/workspaces/{ws}/network/graphs", "/api/v1/network/graphs"},
            produces = "application/json")
    public GraphCacheResponse graphs(WorkspaceScope scope) {
        WalkGraphCache<List<RoadVersion>> cache = network.cache();
        java.util.function.Predicate<List<RoadVersion>> mine = k -> !k.isEmpty() && k.get(0).workspace().equals(scope.id());
        return new GraphCacheResponse(cache.maxGraphs(), cache.builds(), cache.hits(), cache.evictions(),
                cache.building().stream().filter(mine).map(LayerVersion::of).toList(), cache.entries().stream()
                        .filter(e -> mine.test(e.key()))
                        .map(e -> new CachedGraph(LayerVersion.of(e.key()), GraphView.of(e.stats()))).toList());
    }

    /** One ring per walking time; the facilities within the largest, each with the smallest ring it is in. */
    private IsochroneResponse geoJson(IsochroneResult r) {
        List<RingFeature> rings = r.rings().stream().map(ring -> new RingFeature("Feature",
                "ring-" + Decimals.compact(ring.minutes()), new RingProperties(ring.minutes(), ring.distanceMetres(),
                        Math.round(ring.areaM2()), ring.reachedEdges(), r.facilities().stream()
                                .filter(f -> f.distanceMetres() <= ring.distanceMetres()).count(),
                        ring.residents() == null ? null : Math.round(ring.residents())),
                json.readTree(GeoJson.write(ring.area(), 7)))).toList();
        List<FacilityFeature> facilities = r.facilities().stream().map(fr -> {
            Geometry g = fr.feature().geometry();
            if (g.getNumGeometries() == 1) { // stored as MultiPoint; a facility is one point on the map
                g = g.getGeometryN(0);
            }
            return new FacilityFeature("Feature", Long.parseLong(fr.feature().id()), new FacilityProperties(
                    fr.layerId(), fr.feature().text("name"), fr.feature().text("category"),
                    Decimals.round(fr.distanceMetres(), 1), fr.minutes()), json.readTree(GeoJson.write(g, 7)));
        }).toList();
        List<OriginView> origins = r.origins().stream().map(o -> new OriginView(List.of(o.lon(), o.lat()),
                List.of(Decimals.round(o.snappedLon(), 7), Decimals.round(o.snappedLat(), 7)),
                Decimals.round(o.offsetMetres(), 1))).toList();
        return new IsochroneResponse("FeatureCollection", rings, new FacilityCollection("FeatureCollection", facilities),
                origins, r.gb50180Distances() ? null : r.speed(), r.gb50180Distances()
                        ? "GB 50180-2018: 5/10/15 min = 300/500/1000 m" : "minutes × speed (m/min)",
                LayerVersion.of(r.roads()), LayerVersion.of(r.facilityLayers()), GraphView.of(r.graph()), r.populationSource());
    }
}
