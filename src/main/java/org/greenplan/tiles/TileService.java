package org.greenplan.tiles;

import org.greenplan.layer.LayerNotFoundException;
import org.greenplan.layer.LayerRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.util.unit.DataSize;

/**
 * Serves a layer version's tile from the cache, or makes it: ST_AsMVT in PostGIS for vector tiles, the
 * same query's geometries drawn by {@link TileRenderer} for PNG.
 */
@Service
public class TileService {

    /** A finished tile. {@code empty}: no feature touches it; {@code pinned}: a version was asked for by number. */
    public record Tile(byte[] body, TileFormat format, TileSource source, boolean cached, boolean pinned) {
        public boolean empty() {
            return body.length == 0 || body == TRANSPARENT;
        }
    }

    /** One transparent PNG for every empty tile: Leaflet shows it like any tile, without error events. */
    private static final byte[] TRANSPARENT = TileRenderer.transparent();

    private final LayerRepository layers;
    private final TileRepository repository;
    private final TileCache cache;
    private final TileRenderer renderer = new TileRenderer(TileRepository.EXTENT);

    public TileService(LayerRepository layers, TileRepository repository,
            @Value("${greenplan.tiles.cache-size:256MB}") DataSize cacheSize) {
        this.layers = layers;
        this.repository = repository;
        this.cache = new TileCache(cacheSize.toBytes());
    }

    /**
     * The tile of the layer's current version, or of {@code version} when given.
     *
     * @throws LayerNotFoundException for an unknown layer or version
     */
    public Tile tile(String layerId, Integer version, TileAddress address, TileFormat format) {
        TileSource source = repository.source(layerId, version).orElseThrow(() -> notFound(layerId, version));
        TileCache.Key key = new TileCache.Key(layerId, source.versionId(), address, format);
        byte[] body = cache.get(key);
        boolean cached = body != null;
        if (!cached) {
            body = make(source, address, format);
            cache.put(key, body);
        }
        return new Tile(body, format, source, cached, version != null);
    }

    private LayerNotFoundException notFound(String layerId, Integer version) {
        if (version == null || !layers.exists(layerId)) {
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
        return switch (format) {
            case MVT -> repository.mvt(source.versionId(), source.layerId(), address);
            case PNG -> {
                var geometries = repository.geometries(source.versionId(), address);
                yield geometries.isEmpty() ? TRANSPARENT : renderer.render(geometries, source.kind().style());
            }
        };
    }

    public TileCache.Stats cacheStats() {
        return cache.stats();
    }

    /** Drops a layer's tiles at once instead of letting them age out (e.g. after deleting it). */
    public void evictLayer(String layerId) {
        cache.evictLayer(layerId);
    }
}
