package org.greenplan.api;

import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.greenplan.indicator.IndicatorCatalogue;
import org.greenplan.indicator.IndicatorDefinition;
import org.greenplan.indicator.ParameterSpec;

/**
 * The query parameters of the indicator endpoints as the contract lists them. The controllers read the query
 * string as a whole (each indicator has its own parameters), so the generator cannot see them: they are written
 * here from the indicator catalogue, each with its range, default and the indicators that take it, and so
 * cannot drift from what the indicators accept.
 */
final class IndicatorParameters {

    private IndicatorParameters() {
    }

    /** Where and what an indicator reads: the parameters shared by every indicator (and by the CSV table). */
    static List<Parameter> scope() {
        return List.of(
                query("area", new StringSchema(), "all (default), an admin area's feature id or its code attribute"),
                query("bbox", new StringSchema(), "minLon,minLat,maxLon,maxLat instead of an admin area"),
                query("layers", new StringSchema(), "comma-separated layer ids: exactly these layers are read "
                        + "(default: every published layer of each kind the indicator reads)"),
                query("versions", new StringSchema(), "layerId:version,… reads these versions of these layers "
                        + "instead of their current ones (before/after a plan)"),
                query("targets", new StringSchema(), "target set id (GET /api/v1/targets)"),
                query("year", new IntegerSchema(), "target year (default: nearest year ≥ this year in the set)"));
    }

    /** {@code f}: the indicator's value as JSON or as CSV. */
    static Parameter format() {
        return query("f", new StringSchema()._enum(List.of("json", "csv")), "json (default) or csv; Accept: text/csv works too");
    }

    /**
     * Every indicator's own parameters, one entry per name; a name several indicators take is listed once, with
     * each indicator's range and default when they differ.
     */
    static List<Parameter> ofIndicators() {
        Map<String, List<Use>> byName = new LinkedHashMap<>();
        for (IndicatorDefinition d : IndicatorCatalogue.all()) {
            for (ParameterSpec p : d.parameters()) {
                byName.computeIfAbsent(p.name(), n -> new ArrayList<>()).add(new Use(d.id(), p));
            }
        }
        List<Parameter> out = new ArrayList<>();
        byName.forEach((name, uses) -> out.add(parameter(name, uses)));
        return out;
    }

    private record Use(String indicator, ParameterSpec spec) {
    }

    private static Parameter parameter(String name, List<Use> uses) {
        ParameterSpec first = uses.get(0).spec();
        boolean same = uses.stream().allMatch(u -> u.spec().equals(first));
        StringBuilder text = new StringBuilder();
        if (same) {
            text.append(uses.stream().map(Use::indicator).toList().toString().replaceAll("[\\[\\]]", ""))
                    .append(": ").append(describe(first));
        } else {
            for (Use u : uses) {
                text.append(text.isEmpty() ? "" : "; ").append(u.indicator()).append(": ").append(describe(u.spec()));
            }
        }
        Parameter p = query(name, same ? schema(first) : baseSchema(first), text.toString());
        p.addExtension("x-indicators", uses.stream().map(Use::indicator).toList());
        return p;
    }

    private static String describe(ParameterSpec s) {
        StringBuilder d = new StringBuilder(s.description());
        if (s.unit() != null) {
            d.append(" (").append(s.unit()).append(')');
        }
        if (s.min() != null || s.max() != null) {
            d.append(", ").append(s.min()).append("–").append(s.max());
        }
        if (!s.allowedValues().isEmpty()) {
            d.append(", one of ").append(s.allowedValues());
        }
        d.append(s.defaultValue() == null ? ", not set by default" : ", default " + s.defaultValue());
        return d.toString();
    }

    private static Schema<?> baseSchema(ParameterSpec s) {
        return switch (s.type()) {
            case NUMBER -> new NumberSchema();
            case BOOLEAN -> new BooleanSchema();
            case TEXT -> new StringSchema();
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Schema<?> schema(ParameterSpec s) {
        Schema schema = baseSchema(s);
        if (s.min() != null) {
            schema.setMinimum(BigDecimal.valueOf(s.min()));
        }
        if (s.max() != null) {
            schema.setMaximum(BigDecimal.valueOf(s.max()));
        }
        if (!s.allowedValues().isEmpty()) {
            schema.setEnum(new ArrayList<>(s.allowedValues()));
        }
        if (s.defaultValue() != null) {
            schema.setDefault(s.defaultValue() instanceof Double n ? BigDecimal.valueOf(n) : s.defaultValue());
        }
        return schema;
    }

    static Parameter query(String name, Schema<?> schema, String description) {
        return new Parameter().in("query").name(name).required(false).schema(schema).description(description);
    }
}
