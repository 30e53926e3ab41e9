package org.greenplan.tiles;

import org.greenplan.kind.LayerKind;


/**
 * The layer version a tile is drawn from: what the tile query, the style and the ETag need, read in one
 * small query per request (the whole {@code Layer} with its statistics is not needed to answer from cache).
 *
 * @param versionId the layer_version row id, never reused: the cache key and the ETag carry it
 * @param empty     the version holds no features
 * @param overviews the zooms whose generalised overview of the version is ready, one bit each (bit z)
 */
public record TileSource(String workspace, String layerId, LayerKind kind, long versionId, int version, boolean empty, int overviews) {

    /** Whether the version's overview for zoom {@code z} is ready. */
    public boolean overview(int z) {
        return z < Integer.SIZE && (overviews & (1 << z)) != 0;
    }
}
