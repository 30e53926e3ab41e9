package org.greenplan.indicator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.greenplan.kind.LayerKind;

/**
 * Everything about one indicator except its computation, declared once in the indicator's own class
 * ({@code DEFINITION}) and read from there by the catalogue, the server, the API and the CLI.
 *
 * @param required       layer kinds without which there is nothing to measure (a request without one is refused)
 * @param optional       layer kinds it also reads when present (admin areas for the breakdown, roads for walking)
 * @param reach          which features outside the area of interest still count inside it, and how far
 * @param gapDescription what its gap geometry shows; null when it maps no gaps
 * @param factory        makes the indicator from raw parameters (checked by the indicator's constructor)
 */
public record IndicatorDefinition(String id, String nameZh, String nameEn, String unit, String definition,
        String standard, List<LayerKind> required, List<LayerKind> optional, List<ParameterSpec> parameters,
        Reach reach, String gapDescription, Function<Map<String, ?>, Indicator> factory) {

    public IndicatorDefinition {
        required = List.copyOf(required);
        optional = List.copyOf(optional);
        parameters = List.copyOf(parameters);
    }

    public static Builder builder(String id, Function<Map<String, ?>, Indicator> factory) {
        return new Builder(id, factory);
    }

    /** Every kind it reads, required ones first: the order the API lists them and the server loads them. */
    public List<LayerKind> kinds() {
        List<LayerKind> all = new ArrayList<>(required);
        all.addAll(optional);
        return List.copyOf(all);
    }

    /** The indicator with these raw parameters, defaults for the missing ones. */
    public Indicator create(Map<String, ?> parameters) {
        return factory.apply(parameters == null ? Map.of() : parameters);
    }

    /** Spells out an indicator's definition field by field; {@link #build()} refuses an incomplete one. */
    public static final class Builder {
        private final String id;
        private final Function<Map<String, ?>, Indicator> factory;
        private String nameZh;
        private String nameEn;
        private String unit;
        private String definition;
        private String standard;
        private List<LayerKind> required = List.of();
        private List<LayerKind> optional = List.of();
        private List<ParameterSpec> parameters = List.of();
        private Reach reach = Reach.NONE;
        private String gapDescription;

        private Builder(String id, Function<Map<String, ?>, Indicator> factory) {
            this.id = id;
            this.factory = Objects.requireNonNull(factory, "factory");
        }

        public Builder name(String zh, String en) {
            this.nameZh = zh;
            this.nameEn = en;
            return this;
        }

        public Builder unit(String unit) {
            this.unit = unit;
            return this;
        }

        /** How the value is computed, in a sentence or two a planner can check against the standard. */
        public Builder definition(String definition) {
            this.definition = definition;
            return this;
        }

        /** The standards and policy documents the definition follows. */
        public Builder standard(String standard) {
            this.standard = standard;
            return this;
        }

        public Builder requires(LayerKind... kinds) {
            this.required = List.of(kinds);
            return this;
        }

        public Builder alsoReads(LayerKind... kinds) {
            this.optional = List.of(kinds);
            return this;
        }

        public Builder parameters(List<ParameterSpec> parameters) {
            this.parameters = parameters;
            return this;
        }

        public Builder reach(Reach reach) {
            this.reach = reach;
            return this;
        }

        /** Declares that the indicator maps gaps, and what they show. */
        public Builder gaps(String description) {
            this.gapDescription = description;
            return this;
        }

        /** The definition; refuses one that lacks a text the API publishes or a required kind, naming what is missing. */
        public IndicatorDefinition build() {
            List<String> missing = new ArrayList<>();
            missingIfBlank(missing, "id", id);
            missingIfBlank(missing, "nameZh", nameZh);
            missingIfBlank(missing, "nameEn", nameEn);
            missingIfBlank(missing, "unit", unit);
            missingIfBlank(missing, "definition", definition);
            missingIfBlank(missing, "standard", standard);
            if (required.isEmpty()) {
                missing.add("required layer kinds");
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("indicator '" + id + "' lacks " + String.join(", ", missing));
            }
            List<LayerKind> read = new ArrayList<>(required);
            read.addAll(optional);
            if (read.stream().distinct().count() != read.size()) {
                throw new IllegalStateException("indicator '" + id + "' names a layer kind twice: " + read);
            }
            if (!read.containsAll(reach.kinds())) {
                throw new IllegalStateException("indicator '" + id + "' reaches beyond the area for kinds it does "
                        + "not read: " + reach.kinds());
            }
            return new IndicatorDefinition(id, nameZh, nameEn, unit, definition, standard, required, optional,
                    parameters, reach, gapDescription, factory);
        }

        private static void missingIfBlank(List<String> missing, String field, String value) {
            if (value == null || value.isBlank()) {
                missing.add(field);
            }
        }
    }
}
