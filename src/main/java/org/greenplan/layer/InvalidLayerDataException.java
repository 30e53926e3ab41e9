package org.greenplan.layer;

import java.util.List;

/**
 * Data that cannot become a layer version. Thrown inside the import transaction, so nothing of the
 * upload is kept. {@code field} names the request part at fault (e.g. "features", "kind").
 */
public class InvalidLayerDataException extends RuntimeException {

    private final String field;
    private final List<FeatureProblem> problems;

    public InvalidLayerDataException(String field, String reason, List<FeatureProblem> problems) {
        super(reason);
        this.field = field;
        this.problems = List.copyOf(problems);
    }

    public InvalidLayerDataException(String field, String reason) {
        this(field, reason, List.of());
    }

    public String field() {
        return field;
    }

    public List<FeatureProblem> problems() {
        return problems;
    }
}
