package org.greenplan.api;

import java.time.Duration;
import org.greenplan.scenario.ScenarioService;
import org.greenplan.tiles.TileAddress;
import org.greenplan.tiles.TileFormat;
import org.greenplan.tiles.TileService;
import org.greenplan.tiles.TileService.Tile;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * XYZ tiles of a layer of a workspace ({@code /api/v1/workspaces/{ws}/tiles/…}; {@code /tiles/…} serves the default
 * workspace): {@code .mvt} vector tiles (QGIS, MapLibre) and {@code .png} images (Leaflet).
 * Tiles of the current version may change with the next upload, so browsers keep them briefly and
 * revalidate by ETag; tiles of a version asked for by number never change. A scenario's tiles
 * ({@code /api/v1/workspaces/{ws}/scenarios/{sc}/tiles/…}) show its pinned versions with its edits merged.
 */
@RestController
public class TilesController {

    /** How long a browser may reuse a current-version tile before asking again (a cheap 304 then). */
    private static final Duration CURRENT_MAX_AGE = Duration.ofSeconds(30);

    // a cached tile is a map lookup; what is left per request is this answer, so its parts are made once
    private static final MediaType MVT = MediaType.parseMediaType(TileFormat.MVT.mediaType());
    private static final MediaType PNG = MediaType.parseMediaType(TileFormat.PNG.mediaType());
    private static final CacheControl PINNED = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();
    private static final CacheControl CURRENT = CacheControl.maxAge(CURRENT_MAX_AGE).cachePublic();
    private static final CacheControl SCENARIO = CacheControl.noCache();

    private final TileService tiles;

    public TilesController(TileService tiles) {
        this.tiles = tiles;
    }

    @GetMapping({"/api/v1/workspaces/{ws}/tiles/{layerId}/{z}/{x}/{y}.mvt", "/tiles/{layerId}/{z}/{x}/{y}.mvt"})
    public ResponseEntity<byte[]> mvt(WorkspaceScope scope, @PathVariable String layerId, @PathVariable int z, @PathVariable int x,
            @PathVariable int y, @RequestParam(required = false) Integer version,
            @RequestHeader(value = "If-None-Match", required = false) String ifNoneMatch) {
        return answer(tiles.tile(scope.id(), layerId, version, address(z, x, y), TileFormat.MVT), ifNoneMatch);
    }

    @GetMapping({"/api/v1/workspaces/{ws}/tiles/{layerId}/{z}/{x}/{y}.png", "/tiles/{layerId}/{z}/{x}/{y}.png"})
    public ResponseEntity<byte[]> png(WorkspaceScope scope, @PathVariable String layerId, @PathVariable int z, @PathVariable int x,
            @PathVariable int y, @RequestParam(required = false) Integer version,
            @RequestHeader(value = "If-None-Match", required = false) String ifNoneMatch) {
        return answer(tiles.tile(scope.id(), layerId, version, address(z, x, y), TileFormat.PNG), ifNoneMatch);
    }

    /**
     * A layer's tile as a scenario shows it: baseline + the scenario's edits (the scenario's collections, as tiles).
     * It changes with every edit, so browsers revalidate it each time (a 304 while the scenario's revision stands).
     */
    @GetMapping("/api/v1/workspaces/{ws}/scenarios/{sc}/tiles/{layerId}/{z}/{x}/{y}.mvt")
    public ResponseEntity<byte[]> scenarioMvt(WorkspaceScope scope, @PathVariable String sc, @PathVariable String layerId,
            @PathVariable int z, @PathVariable int x, @PathVariable int y,
            @RequestHeader(value = "If-None-Match", required = false) String ifNoneMatch) {
        return answer(tiles.scenarioTile(scope.id(), ScenarioService.id(scope.id(), sc), layerId, address(z, x, y),
                TileFormat.MVT), ifNoneMatch);
    }

    @GetMapping("/api/v1/workspaces/{ws}/scenarios/{sc}/tiles/{layerId}/{z}/{x}/{y}.png")
    public ResponseEntity<byte[]> scenarioPng(WorkspaceScope scope, @PathVariable String sc, @PathVariable String layerId,
            @PathVariable int z, @PathVariable int x, @PathVariable int y,
            @RequestHeader(value = "If-None-Match", required = false) String ifNoneMatch) {
        return answer(tiles.scenarioTile(scope.id(), ScenarioService.id(scope.id(), sc), layerId, address(z, x, y),
                TileFormat.PNG), ifNoneMatch);
    }

    /** The tile cache's counters (the server's, over every workspace). */
    public record CacheResponse(long entries, long bytes, long maxBytes, long hits, long misses, long evictions,
            long builds, long overviewBuilds) {
    }

    /** The tile cache's counters: entries, bytes, hits, misses, evictions, and tiles made (builds). */
    @GetMapping(value = "/tiles/cache", produces = "application/json")
    public CacheResponse cache() {
        var s = tiles.cacheStats();
        return new CacheResponse(s.entries(), s.bytes(), s.maxBytes(), s.hits(), s.misses(), s.evictions(),
                tiles.builds(), tiles.overviewBuilds());
    }

    private static TileAddress address(int z, int x, int y) {
        try {
            return new TileAddress(z, x, y);
        } catch (TileAddress.OutOfGrid e) {
            throw new BadRequestException(e.field(), e.getMessage());
        }
    }

    private static ResponseEntity<byte[]> answer(Tile tile, String ifNoneMatch) {
        // the version row id is never reused, so the ETag stays true even across delete and re-create
        // a scenario's tile also names the scenario and its revision, which every edit bumps
        String etag = "\"" + tile.source().layerId() + "-v" + tile.source().version() + "-" + tile.source().versionId()
                + (tile.ofScenario() ? "-sc" + tile.scenario() + "-r" + tile.revision() : "") + "\"";
        CacheControl caching = tile.ofScenario() ? SCENARIO : tile.pinned() ? PINNED : CURRENT;
        ResponseEntity.BodyBuilder reply;
        boolean withBody = false;
        if (ConditionalRequests.notModified(ifNoneMatch, etag)) {
            reply = ResponseEntity.status(HttpStatus.NOT_MODIFIED);
        } else if (tile.empty() && tile.format() == TileFormat.MVT) {
            reply = ResponseEntity.status(HttpStatus.NO_CONTENT); // MapLibre, QGIS and GDAL read 204 as "no features"
        } else {
            reply = ResponseEntity.ok().contentType(tile.format() == TileFormat.MVT ? MVT : PNG);
            withBody = true;
        }
        reply.eTag(etag).cacheControl(caching).header("X-Tile-Cache", tile.cached() ? "hit" : "miss")
                .header("Access-Control-Allow-Origin", "*");
        return withBody ? reply.body(tile.body()) : reply.build();
    }
}
