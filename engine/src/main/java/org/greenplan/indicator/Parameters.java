package org.greenplan.indicator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** Parameter values checked against their specs, defaults filled in. Immutable. */
public final class Parameters {

    private final Map<String, Object> values;

    private Parameters(Map<String, Object> values) {
        this.values = values;
    }

    /**
     * Checks raw values (from a query string, a CLI or code) against the specs. Unknown names are refused
     * rather than ignored, so a typo does not silently run the default.
     */
    public static Parameters of(List<ParameterSpec> specs, Map<String, ?> raw) {
        Map<String, ?> given = raw == null ? Map.of() : raw;
        for (String name : given.keySet()) {
            if (specs.stream().noneMatch(s -> s.name().equals(name))) {
                throw new InvalidParameterException(name, "unknown parameter; known: "
                        + specs.stream().map(ParameterSpec::name).toList());
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (ParameterSpec spec : specs) {
            Object v = spec.parse(given.get(spec.name()));
            if (v != null) {
                values.put(spec.name(), v);
            }
        }
        return new Parameters(values);
    }

    public double number(String name) {
        Object v = values.get(name);
        if (!(v instanceof Number n)) {
            throw new IllegalStateException("parameter " + name + " has no value");
        }
        return n.doubleValue();
    }

    public OptionalDouble optionalNumber(String name) {
        return values.get(name) instanceof Number n ? OptionalDouble.of(n.doubleValue()) : OptionalDouble.empty();
    }

    public boolean flag(String name) {
        return Boolean.TRUE.equals(values.get(name));
    }

    public String text(String name) {
        Object v = values.get(name);
        return v == null ? null : v.toString();
    }

    /** The effective values, for {@link IndicatorResult#parameters()}. */
    public Map<String, Object> asMap() {
        return Map.copyOf(values);
    }
}
