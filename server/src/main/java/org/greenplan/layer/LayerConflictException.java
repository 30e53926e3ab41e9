package org.greenplan.layer;

import org.greenplan.FieldException;

/** A new layer was asked for under an id that is already taken. */
public class LayerConflictException extends FieldException {
    public LayerConflictException(String layerId) {
        super(Category.CONFLICT, "id", "a layer with id '" + layerId + "' already exists; add a version to it instead");
    }
}
