package org.greenplan.indicator.service;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.greenplan.FieldException;
import org.greenplan.kind.LayerKind;

/** The indicator needs a layer kind of which there is no (selected, published) layer: 422 with field "layers". */
public class MissingLayerException extends FieldException {

    private final List<LayerKind> missing;

    public MissingLayerException(String indicatorId, List<LayerKind> missing) {
        super(Category.UNPROCESSABLE, "Missing input layer", "layers", indicatorId + " needs " + missing.stream()
                .map(k -> "a " + k.id() + " layer (" + k.nameZh() + ")").collect(Collectors.joining(" and "))
                + "; there is no " + missing.stream().map(LayerKind::id).collect(Collectors.joining(", no "))
                + " layer among those selected");
        this.missing = List.copyOf(missing);
    }

    public List<LayerKind> missing() {
        return missing;
    }

    /** The kinds to add, so a client can say which layers to upload. */
    @Override
    public Map<String, Object> details() {
        return Map.of("missingKinds", missing.stream().map(LayerKind::id).toList());
    }
}
