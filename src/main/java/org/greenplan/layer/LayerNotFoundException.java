package org.greenplan.layer;

public class LayerNotFoundException extends RuntimeException implements org.greenplan.Refusal {
    @Override
    public Category category() {
        return Category.NOT_FOUND;
    }

    @Override
    public String field() {
        return null;
    }

    private final String layerId;

    public LayerNotFoundException(String layerId) {
        super("no layer '" + layerId + "'");
        this.layerId = layerId;
    }

    public String layerId() {
        return layerId;
    }
}
