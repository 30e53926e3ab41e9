package org.greenplan.tiles;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Finished tiles in memory, bounded by their total bytes and evicted least-recently-used. The key carries
 * the layer version's row id (never reused, not even when a layer is deleted and created again), so a new
 * version is never answered with its predecessor's tiles; those just age out. Plain Java.
 */
public final class TileCache {

    /**
     * A tile's identity. {@code scenario} is 0 for the layer's own version; for a scenario's view of the layer it is
     * the scenario's id and {@code revision} its edit revision, bumped by every edit, so an edit never meets the
     * tiles drawn before it and the baseline's tiles are never touched by a scenario.
     */
    public record Key(String workspace, String layerId, long versionId, long scenario, long revision, TileAddress tile,
            TileFormat format) {

        public Key(String workspace, String layerId, long versionId, TileAddress tile, TileFormat format) {
            this(workspace, layerId, versionId, 0, 0, tile, format);
        }
    }

    public record Stats(long entries, long bytes, long maxBytes, long hits, long misses, long evictions) {
    }

    /** Map entry overhead (key, node, array header) counted with each tile, so tiny tiles cannot swamp memory. */
    private static final int OVERHEAD = 200;

    private final long maxBytes;
    private final LinkedHashMap<Key, byte[]> tiles = new LinkedHashMap<>(1024, 0.75f, true);
    private long bytes;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong evictions = new AtomicLong();

    public TileCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The cached tile, or null (counted as a miss). */
    public synchronized byte[] get(Key key) {
        byte[] tile = tiles.get(key);
        (tile == null ? misses : hits).incrementAndGet();
        return tile;
    }

    /** The cached tile or null, without counting a hit or a miss. */
    public synchronized byte[] peek(Key key) {
        return tiles.get(key);
    }

    public synchronized void put(Key key, byte[] tile) {
        long size = tile.length + OVERHEAD;
        if (size > maxBytes) {
            return;
        }
        byte[] old = tiles.put(key, tile);
        if (old != null) {
            bytes -= old.length + OVERHEAD;
        }
        bytes += size;
        Iterator<byte[]> oldest = tiles.values().iterator();
        while (bytes > maxBytes && oldest.hasNext()) {
            bytes -= oldest.next().length + OVERHEAD;
            oldest.remove();
            evictions.incrementAndGet();
        }
    }

    /** Drops every tile of a layer, e.g. when it is deleted. */
    public void evictLayer(String workspace, String layerId) {
        evictLayer(workspace, layerId, z -> true);
    }

    /** Drops the tiles of a layer at the zoom levels {@code zoom} accepts. */
    public synchronized void evictLayer(String workspace, String layerId, java.util.function.IntPredicate zoom) {
        Iterator<Map.Entry<Key, byte[]>> it = tiles.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Key, byte[]> e = it.next();
            if (e.getKey().layerId().equals(layerId) && e.getKey().workspace().equals(workspace) && zoom.test(e.getKey().tile().z())) {
                bytes -= e.getValue().length + OVERHEAD;
                it.remove();
                evictions.incrementAndGet();
            }
        }
    }

    public synchronized Stats stats() {
        return new Stats(tiles.size(), bytes, maxBytes, hits.get(), misses.get(), evictions.get());
    }
}
