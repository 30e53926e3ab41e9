package org.greenplan.indicator.service;

import org.greenplan.kind.LayerKind;


/** One layer version an indicator read: reported as {@code layersUsed} and part of the cache key. */
public record LayerUse(String id, LayerKind kind, int version, long versionId) {
}
