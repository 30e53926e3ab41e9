package org.greenplan.tiles;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.greenplan.kind.LayerKind;
import org.greenplan.layer.LayerChanged;
import org.greenplan.layer.LayerNotFoundException;
import org.greenplan.layer.LayerRepository;
import org.greenplan.layer.LayerVersion;
import org.greenplan.scenario.ScenarioService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Serves a layer version's tile from the cache, or makes it: ST_AsMVT in PostGIS for vector tiles, the
 * same query's geometries (as a vector tile) drawn by {@link TileRenderer} for PNG.
 */
@Service
public class TileService {

    /** A finished tile. {@code empty}: no feature touches it; {@code pinned}: a version was asked for by number. */
    public record Tile(byte[] body, TileFormat format, TileSource source, boolean cached, boolean pinned,
            long scenario, long revision) {

        Tile(byte[] body, TileFormat format, TileSource source, boolean cached, boolean pinned) {
            this(body, format, source, cached, pinned, 0, 0);
        }

        /** Drawn from a scenario's view of the layer ({@link TileService#scenarioTile}). */
        public boolean ofScenario() {
            return scenario != 0;
        }

        public boolean empty() {
            return body.length == 0 || body == TRANSPARENT;
        }
    }

    /** One transparent PNG for every empty tile: Leaflet shows it like any tile, without error events. */
    private static final byte[] TRANSPARENT = TileRenderer.transparent();

    private final LayerRepository layers;
    private final TileRepository repository;
    private final ScenarioService scenarios;
    private final TileCache cache;
    private final TileRenderer renderer = new TileRenderer(TileRepository.EXTENT);

    private static final long SOURCE_TTL_NANOS = 2_000_000_000L;
    private static final int MAX_SOURCES = 10_000;

    private record SourceKey(String workspace, String layerId, Integer version) {
    }

    private record Remembered(TileSource source, long at) {
    }

    private final ConcurrentHashMap<SourceKey, Remembered> sources = new ConcurrentHashMap<>();
    /**
     * Tiles being made now: a second request for the same tile waits for the first one's result instead of
     * making it again (a map opened by several people, or a browser retrying, asks the same dozen tiles at once).
     */
    private final ConcurrentHashMap<TileCache.Key, CompletableFuture<byte[]>> making = new ConcurrentHashMap<>();
    private final AtomicLong builds = new AtomicLong();
    private final AtomicLong overviewBuilds = new AtomicLong();
    private final AtomicLong generation = new AtomicLong();

    public TileService(LayerRepository layers, TileRepository repository, TilesProperties settings,
            ScenarioService scenarios) {
        this.layers = layers;
        this.repository = repository;
        this.scenarios = scenarios;
        this.cache = new TileCache(settings.cacheSize().toBytes());
    }

    /**
     * The tile of the layer's current version, or of {@code version} when given.
     *
     * @throws LayerNotFoundException for an unknown layer or version
     */
    public Tile tile(String workspace, String layerId, Integer version, TileAddress address, TileFormat format) {
        TileSource source = source(workspace, layerId, version);
        TileCache.Key key = new TileCache.Key(workspace, layerId, source.versionId(), address, format);
        byte[] body = cache.get(key);
        boolean cached = body != null;
        if (!cached) {
            body = makeOnce(key, () -> make(source, address, format));
        }
        return new Tile(body, format, source, cached, version != null);
    }

    /**
     * The tile of a layer as scenario {@code scenario} shows it: its pinned version with the scenario's edits merged
     * (added and replaced features drawn as they are now, deleted ones left out). Cached under the scenario and its
     * revision, beside the baseline's tiles and never instead of them; the scenario is looked up on every request
     * (one small query) so an edit is seen at once.
     *
     * @throws org.greenplan.scenario.ScenarioException 404 for an unknown scenario
     * @throws LayerNotFoundException                   for an unknown layer
     */
    public Tile scenarioTile(String workspace, long scenario, String layerId, TileAddress address, TileFormat format) {
        ScenarioService.LayerView view = scenarios.view(workspace, scenario, layerId);
        LayerVersion v = view.version();
        TileSource source = new TileSource(workspace, layerId, view.kind(), v == null ? 0 : v.id(),
                v == null ? 0 : v.version(), false, 0);
        TileCache.Key key = new TileCache.Key(workspace, layerId, source.versionId(), view.scenarioId(),
                view.revision(), address, format);
        byte[] body = cache.get(key);
        boolean cached = body != null;
        if (!cached) {
            body = makeOnce(key, () -> switch (format) {
                case MVT -> repository.scenarioMvt(view.scenarioId(), source.versionId(), layerId, address);
                case PNG -> png(new TileCache.Key(workspace, layerId, source.versionId(), view.scenarioId(),
                        view.revision(), address, TileFormat.MVT),
                        () -> repository.scenarioDrawable(view.scenarioId(), source.versionId(), layerId, address),
                        view.kind());
            });
        }
        return new Tile(body, format, source, cached, false, view.scenarioId(), view.revision());
    }

    private byte[] makeOnce(TileCache.Key key, Supplier<byte[]> maker) {
        CompletableFuture<byte[]> mine = new CompletableFuture<>();
        CompletableFuture<byte[]> theirs = making.putIfAbsent(key, mine);
        if (theirs != null) {
            try {
                return theirs.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        try {
            // made and removed from `making` between our cache miss and putIfAbsent: it is in the cache now
            byte[] body = cache.peek(key);
            if (body == null) {
                builds.incrementAndGet();
                body = maker.get();
                cache.put(key, body);
            }
            mine.complete(body);
            return body;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            making.remove(key, mine);
        }
    }

    /** How many of the tiles made were drawn from a version's generalised overview. */
    public long overviewBuilds() {
        return overviewBuilds.get();
    }

    /** How many tiles were made (not found in the cache, nor being made by another request). */
    public long builds() {
        return builds.get();
    }

    /**
     * Which version to draw, remembered for {@link #SOURCE_TTL_NANOS} so a cached tile is answered without a
     * database round trip. This server forgets at once when a layer changes ({@link LayerChanged} after the
     * commit); other servers on the same database notice within the TTL, well inside the 30 s browsers may
     * keep a current-version tile anyway.
     */
    private TileSource source(String workspace, String layerId, Integer version) {
        SourceKey key = new SourceKey(workspace, layerId, version);
        long now = System.nanoTime();
        Remembered r = sources.get(key);
        if (r != null && now - r.at() < SOURCE_TTL_NANOS) {
            return r.source();
        }
        long before = generation.get();
        TileSource source = repository.source(workspace, layerId, version)
                .orElseThrow(() -> notFound(workspace, layerId, version));
        if (sources.size() > MAX_SOURCES) {
            sources.clear();
        }
        // a change committed while we were reading must not be overwritten by what we read before it
        if (generation.get() == before) {
            sources.put(key, new Remembered(source, now));
        }
        return source;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void layerChanged(LayerChanged change) {
        forgetSource(change.workspace(), change.layerId());
        cache.evictLayer(change.workspace(), change.layerId()); // the old version's tiles would only age out otherwise
    }

    private void forgetSource(String workspace, String layerId) {
        generation.incrementAndGet();
        sources.keySet().removeIf(k -> k.layerId().equals(layerId) && k.workspace().equals(workspace));
    }

    /**
     * A layer's overview of zoom {@code level} became ready: forget the remembered source (it says "no
     * overview") and the tiles of that zoom, so the map does not mix live-drawn and overview-drawn tiles of
     * one zoom for longer than browsers keep them. The other zooms' tiles stay cached.
     */
    void overviewReady(String workspace, String layerId, int level) {
        forgetSource(workspace, layerId);
        cache.evictLayer(workspace, layerId, z -> z == level);
    }

    private LayerNotFoundException notFound(String workspace, String layerId, Integer version) {
        if (version == null || !layers.exists(workspace, layerId)) {
            return new LayerNotFoundException(layerId);
        }
        return new NoSuchVersion(layerId, version);
    }

    /** A 404 like an unknown layer, saying which version is missing. */
    static final class NoSuchVersion extends LayerNotFoundException {
        private final int version;

        NoSuchVersion(String layerId, int version) {
            super(layerId);
            this.version = version;
        }

        @Override
        public String getMessage() {
            return "layer '" + layerId() + "' has no version " + version;
        }
    }

    private byte[] make(TileSource source, TileAddress address, TileFormat format) {
        if (source.empty()) {
            return format == TileFormat.PNG ? TRANSPARENT : new byte[0];
        }
        boolean overview = source.overview(address.z());
        if (overview) {
            overviewBuilds.incrementAndGet();
        }
        return switch (format) {
            case MVT -> repository.mvt(source.versionId(), source.layerId(), address, overview);
            case PNG -> png(new TileCache.Key(source.workspace(), source.layerId(), source.versionId(), address,
                    TileFormat.MVT), () -> repository.drawable(source.versionId(), address, overview), source.kind());
        };
    }

    /**
     * A PNG drawn from the vector tile of the same query ({@code vectorKey}), which holds the same geometries, when
     * it is cached; else from the geometries {@code drawable} reads.
     */
    private byte[] png(TileCache.Key vectorKey, Supplier<byte[]> drawable, LayerKind kind) {
        byte[] vector = cache.peek(vectorKey);
        if (vector == null) {
            vector = drawable.get();
        }
        return vector.length == 0 ? TRANSPARENT : renderer.render(vector, kind.style());
    }

    public TileCache.Stats cacheStats() {
        return cache.stats();
    }

    /** Drops a layer's tiles at once instead of letting them age out (e.g. after deleting it). */
    public void evictLayer(String workspace, String layerId) {
        cache.evictLayer(workspace, layerId);
    }
}
