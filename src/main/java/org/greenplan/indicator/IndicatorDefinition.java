package org.greenplan.indicator;

import java.util.List;

/**
 * What {@code GET /api/v1/indicators} publishes about one indicator.
 *
 * @param layers the layer kinds (API names) it reads; the first ones are required, see {@code definition}
 */
public record IndicatorDefinition(String id, String nameZh, String nameEn, String unit, String definition,
        String standard, List<String> layers, List<ParameterSpec> parameters) {

    public IndicatorDefinition {
        layers = List.copyOf(layers);
        parameters = List.copyOf(parameters);
    }
}
