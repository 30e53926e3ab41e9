package org.greenplan.scenario;

import java.util.LinkedHashMap;
import java.util.Map;
import org.greenplan.FieldException;

/** A refused scenario request: unknown scenario (404), bad edit (400), stale If-Match (412), un-rebased adopt (409). */
public class ScenarioException extends FieldException {

    private final Map<String, Object> details;

    ScenarioException(Category category, String field, String reason, Map<String, Object> details) {
        super(category, field, reason);
        this.details = details == null ? Map.of() : new LinkedHashMap<>(details);
    }

    static ScenarioException notFound(String workspace, String id) {
        return new ScenarioException(Category.NOT_FOUND, "scenario", "workspace '" + workspace + "' has no scenario '"
                + id + "' (it may have been deleted)", null);
    }

    static ScenarioException invalid(String field, String reason) {
        return new ScenarioException(Category.INVALID, field, reason, null);
    }

    static ScenarioException stale(String etag) {
        return new ScenarioException(Category.PRECONDITION_FAILED, "If-Match", "the feature changed since that ETag "
                + "was read; its current ETag is " + etag + ": read it again and redo the edit", Map.of("etag", etag));
    }

    static ScenarioException conflict(String field, String reason, Map<String, Object> details) {
        return new ScenarioException(Category.CONFLICT, field, reason, details);
    }

    @Override
    public Map<String, Object> details() {
        return details;
    }
}
