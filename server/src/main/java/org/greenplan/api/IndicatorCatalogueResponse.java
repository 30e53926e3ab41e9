package org.greenplan.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Locale;
import org.greenplan.indicator.IndicatorDefinition;
import org.greenplan.indicator.ParameterSpec;

/** {@code GET /api/v1/indicators}: every indicator with what it reads and takes, and the target sets' ids. */
public record IndicatorCatalogueResponse(List<IndicatorSummary> indicators, List<String> targetSets) {

    /**
     * One indicator: names, unit, definition and standard, its input layer kinds (required first), its parameters,
     * what its gaps are (absent for an indicator that maps none: the dashboard then says so instead of "no
     * gaps"), its links.
     */
    public record IndicatorSummary(String id, LocalizedName name, String unit, String definition, String standard,
            List<LayerInput> layers, List<ParameterDescription> parameters, String gapDescription, List<Link> links) {

        static IndicatorSummary of(IndicatorDefinition d, List<Link> links) {
            return new IndicatorSummary(d.id(), new LocalizedName(d.nameZh(), d.nameEn()), d.unit(), d.definition(),
                    d.standard(), d.kinds().stream().map(k -> new LayerInput(k.id(), new LocalizedName(k.nameZh(),
                            k.nameEn()), d.required().contains(k))).toList(),
                    d.parameters().stream().map(ParameterDescription::of).toList(), d.gapDescription(), links);
        }
    }

    /** A layer kind the indicator reads; {@code required}: without one the indicator cannot be computed. */
    public record LayerInput(String kind, LocalizedName name, boolean required) {
    }

    /** An indicator parameter (a query parameter of its value); bounds, choices and unit only where they apply. */
    public record ParameterDescription(String name, String type, @JsonProperty("default") Object defaultValue,
            Double min, Double max, List<String> allowedValues, String unit, String description) {

        static ParameterDescription of(ParameterSpec p) {
            return new ParameterDescription(p.name(), p.type().name().toLowerCase(Locale.ROOT), p.defaultValue(),
                    p.min(), p.max(), p.allowedValues().isEmpty() ? null : p.allowedValues(), p.unit(), p.description());
        }
    }
}
