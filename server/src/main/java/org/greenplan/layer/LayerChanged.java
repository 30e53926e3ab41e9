package org.greenplan.layer;

/**
 * A layer got a new current version or was deleted. Published inside the writing transaction; listeners
 * that keep derived data (tile caches) react after the commit (@TransactionalEventListener).
 */
public record LayerChanged(String workspace, String layerId) {
}
