package org.greenplan.indicator;

import java.util.List;
import java.util.Map;

/**
 * What every indicator shares: its API id and its parameters, validated against its specs once, at
 * construction, so a bad request fails before any geometry is read.
 */
abstract class StandardIndicator implements Indicator {

    private final String id;
    protected final Parameters params;

    StandardIndicator(String id, List<ParameterSpec> specs, Map<String, ?> parameters) {
        this.id = id;
        this.params = Parameters.of(specs, parameters);
    }

    @Override
    public final String id() {
        return id;
    }
}
