package org.greenplan.layer;

import org.greenplan.FieldException;

public class LayerNotFoundException extends FieldException {
    private final String layerId;

    public LayerNotFoundException(String layerId) {
        super(Category.NOT_FOUND, null, "no layer '" + layerId + "'");
        this.layerId = layerId;
    }

    public String layerId() {
        return layerId;
    }
}
