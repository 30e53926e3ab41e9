package org.greenplan.geo;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import org.locationtech.jts.geom.Geometry;

/**
 * A feature as the engines see it: an id, a lon/lat geometry (EPSG:4326) and plain attribute values
 * (String, Number, Boolean or null). Deliberately free of JSON, JDBC and Spring types so the same engine
 * runs in the server, the CLI and a batch job.
 */
public record Feature(String id, Geometry geometry, Map<String, Object> attributes) {

    public Feature {
        Objects.requireNonNull(geometry, "geometry");
        attributes = attributes == null ? Map.of() : attributes;
    }

    /** The attribute as text, or null when absent or blank. */
    public String text(String key) {
        Object v = attributes.get(key);
        if (v == null) {
            return null;
        }
        String s = v.toString().trim();
        return s.isEmpty() ? null : s;
    }

    /** The attribute as a number; numeric text such as "1200" counts, anything else is empty. */
    public OptionalDouble number(String key) {
        Object v = attributes.get(key);
        if (v instanceof Number n) {
            double d = n.doubleValue();
            return Double.isFinite(d) ? OptionalDouble.of(d) : OptionalDouble.empty();
        }
        if (v instanceof String s && !s.isBlank()) {
            try {
                double d = Double.parseDouble(s.trim());
                return Double.isFinite(d) ? OptionalDouble.of(d) : OptionalDouble.empty();
            } catch (NumberFormatException e) {
                return OptionalDouble.empty();
            }
        }
        return OptionalDouble.empty();
    }
}
