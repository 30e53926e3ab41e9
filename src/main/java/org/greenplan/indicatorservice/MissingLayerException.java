package org.greenplan.indicatorservice;

import java.util.List;
import java.util.stream.Collectors;
import org.greenplan.layer.LayerKind;

/** The indicator needs a layer kind of which there is no (selected, published) layer: 422 with field "layers". */
public class MissingLayerException extends RuntimeException implements org.greenplan.Refusal {
    @Override
    public Category category() {
        return Category.UNPROCESSABLE;
    }

    @Override
    public String field() {
        return "layers";
    }

    @Override
    public String title() {
        return "Missing input layer";
    }

    @Override
    public java.util.Map<String, Object> details() {
        return java.util.Map.of("missingKinds", missing.stream().map(LayerKind::id).toList());
    }


    private final List<LayerKind> missing;

    public MissingLayerException(String indicatorId, List<LayerKind> missing) {
        super(indicatorId + " needs " + missing.stream().map(k -> "a " + k.id() + " layer (" + k.nameZh() + ")")
                .collect(Collectors.joining(" and ")) + "; there is no " + missing.stream().map(LayerKind::id)
                .collect(Collectors.joining(", no ")) + " layer among those selected");
        this.missing = List.copyOf(missing);
    }

    public List<LayerKind> missing() {
        return missing;
    }
}
