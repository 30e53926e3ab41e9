package org.greenplan.layer;

/** A new layer was asked for under an id that is already taken. */
public class LayerConflictException extends RuntimeException implements org.greenplan.Refusal {
    @Override
    public Category category() {
        return Category.CONFLICT;
    }

    @Override
    public String field() {
        return "id";
    }

    public LayerConflictException(String layerId) {
        super("a layer with id '" + layerId + "' already exists; add a version to it instead");
    }
}
