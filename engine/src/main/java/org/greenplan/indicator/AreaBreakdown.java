package org.greenplan.indicator;

import java.util.List;

/** The indicator restricted to one admin area (features split by the area polygon, parcel ∩ area). */
public record AreaBreakdown(String areaId, String areaName, double value, double numerator, double denominator,
        List<Measure> measures) {

    public AreaBreakdown {
        measures = List.copyOf(measures);
    }
}
