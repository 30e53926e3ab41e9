package org.greenplan.layer;

public class LayerNotFoundException extends RuntimeException {
    private final String layerId;

    public LayerNotFoundException(String layerId) {
        super("no layer '" + layerId + "'");
        this.layerId = layerId;
    }

    public String layerId() {
        return layerId;
    }
}
