package org.greenplan.layer;

/** A new layer was asked for under an id that is already taken. */
public class LayerConflictException extends RuntimeException {
    public LayerConflictException(String layerId) {
        super("a layer with id '" + layerId + "' already exists; add a version to it instead");
    }
}
