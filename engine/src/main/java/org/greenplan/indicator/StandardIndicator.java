package org.greenplan.indicator;

import java.util.Map;

/**
 * What every indicator shares: its definition (id, parameters, layer kinds), and its parameters validated
 * against the definition once, at construction, so a bad request fails before any geometry is read.
 */
abstract class StandardIndicator implements Indicator {

    private final String id;
    protected final Parameters params;

    StandardIndicator(IndicatorDefinition definition, Map<String, ?> parameters) {
        this.id = definition.id();
        this.params = Parameters.of(definition.parameters(), parameters);
    }

    @Override
    public final String id() {
        return id;
    }
}
