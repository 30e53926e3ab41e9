package org.greenplan.indicator;

import java.util.List;

/**
 * One parameter of an indicator as the catalogue publishes it: name, type, default (null = not set),
 * valid range or allowed values, unit and meaning. It also checks values, so the catalogue and the
 * indicator cannot disagree about what is valid.
 */
public record ParameterSpec(String name, Type type, Object defaultValue, Double min, Double max,
        List<String> allowedValues, String unit, String description) {

    public enum Type { NUMBER, BOOLEAN, TEXT }

    public ParameterSpec {
        allowedValues = allowedValues == null ? List.of() : List.copyOf(allowedValues);
    }

    /** A number in [min, max]; a null default means "not set unless given". */
    public static ParameterSpec number(String name, Double defaultValue, double min, double max, String unit,
            String description) {
        return new ParameterSpec(name, Type.NUMBER, defaultValue, min, max, List.of(), unit, description);
    }

    public static ParameterSpec flag(String name, boolean defaultValue, String description) {
        return new ParameterSpec(name, Type.BOOLEAN, defaultValue, null, null, List.of(), null, description);
    }

    public static ParameterSpec choice(String name, String defaultValue, List<String> allowed, String description) {
        return new ParameterSpec(name, Type.TEXT, defaultValue, null, null, allowed, null, description);
    }

    /** Converts a raw value (number, boolean or their text forms, as a query string gives them) and checks it. */
    public Object parse(Object raw) {
        if (raw == null) {
            return defaultValue;
        }
        return switch (type) {
            case NUMBER -> check(toNumber(raw));
            case BOOLEAN -> toBoolean(raw);
            case TEXT -> {
                String s = raw.toString().trim();
                if (!allowedValues.isEmpty() && !allowedValues.contains(s)) {
                    throw new InvalidParameterException(name, "must be one of " + allowedValues + ", not '" + s + "'");
                }
                yield s;
            }
        };
    }

    /** Returns the value when it is finite and within [min, max]; throws naming this parameter otherwise. */
    public double check(double value) {
        if (!Double.isFinite(value)) {
            throw new InvalidParameterException(name, "must be a finite number");
        }
        if (min != null && value < min) {
            throw new InvalidParameterException(name, value < 0 && min >= 0
                    ? "must not be negative (got " + value + ")" : "must be at least " + min + " (got " + value + ")");
        }
        if (max != null && value > max) {
            throw new InvalidParameterException(name, "must be at most " + max + " (got " + value + ")");
        }
        return value;
    }

    private double toNumber(Object raw) {
        if (raw instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(raw.toString().trim());
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(name, "must be a number, not '" + raw + "'");
        }
    }

    private boolean toBoolean(Object raw) {
        if (raw instanceof Boolean b) {
            return b;
        }
        return switch (raw.toString().trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new InvalidParameterException(name, "must be true or false, not '" + raw + "'");
        };
    }
}
