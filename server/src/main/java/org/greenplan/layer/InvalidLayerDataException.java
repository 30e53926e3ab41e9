package org.greenplan.layer;

import java.util.List;
import java.util.Map;
import org.greenplan.FieldException;

/**
 * Data that cannot become a layer version. Thrown inside the import transaction, so nothing of the
 * upload is kept. {@code field} names the request part at fault (e.g. "features", "kind").
 */
public class InvalidLayerDataException extends FieldException {

    private final List<FeatureProblem> problems;

    public InvalidLayerDataException(String field, String reason, List<FeatureProblem> problems) {
        // a body that is not GeoJSON at all is a malformed request; well-formed but unusable data is 422
        super(field.equals("body") ? Category.INVALID : Category.UNPROCESSABLE, "Data not accepted", field, reason);
        this.problems = List.copyOf(problems);
    }

    public InvalidLayerDataException(String field, String reason) {
        this(field, reason, List.of());
    }

    public List<FeatureProblem> problems() {
        return problems;
    }

    /** One entry per faulty feature: its index and the reason. */
    @Override
    public Map<String, Object> details() {
        if (problems.isEmpty()) {
            return Map.of();
        }
        return Map.of("errors", problems.stream()
                .map(p -> Map.<String, Object>of("feature", p.index(), "reason", p.reason())).toList());
    }
}
