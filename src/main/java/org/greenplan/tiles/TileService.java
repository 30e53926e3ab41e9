package org.greenplan.tiles;

import org.greenplan.layer.Layer;
import org.greenplan.layer.LayerNotFoundException;
import org.greenplan.layer.LayerRepository;
import org.greenplan.layer.LayerVersion;
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
    public record Tile(byte[] body, TileFormat format, Layer layer, LayerVersion version, boolean cached,
            boolean pinned) {
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
        Layer layer = layers.find(layerId).orElseThrow(() -> new LayerNotFoundException(layerId));
        LayerVersion v = version == null ? layer.current() : layers.findVersion(layerId, version).orElseThrow(
                () -> new LayerNotFoundException(layerId + " version " + version));
        if (v == null) {
            throw new LayerNotFoundException(layerId + " (no version published yet)");
        }
        TileCache.Key key = new TileCache.Key(layerId, v.id(), address, format);
        byte[] body = cache.get(key);
        boolean cached = body != null;
        if (!cached) {
            body = make(layer, v, address, format);
            cache.put(key, body);
        }
        return new Tile(body, format, layer, v, cached, version != null);
    }

    private byte[] make(Layer layer, LayerVersion v, TileAddress address, TileFormat format) {
        if (v.extent().isNull()) {
            return format == TileFormat.PNG ? TRANSPARENT : new byte[0];
        }
        return switch (format) {
            case MVT -> repository.mvt(v.id(), layer.id(), address);
            case PNG -> {
                var geometries = repository.geometries(v.id(), address);
                yield geometries.isEmpty() ? TRANSPARENT : renderer.render(geometries, layer.kind().style());
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
