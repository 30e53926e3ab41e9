package org.greenplan.indicator;

/**
 * A secondary figure of a result, e.g. the population-weighted coverage beside the area-weighted value,
 * or greenway km of one level. {@code value} is {@code numerator / denominator} scaled into {@code unit}.
 */
public record Measure(String id, double value, String unit, double numerator, double denominator) {
}
