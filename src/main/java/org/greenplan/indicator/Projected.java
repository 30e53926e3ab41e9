package org.greenplan.indicator;

import org.greenplan.geo.Feature;
import org.locationtech.jts.geom.Geometry;

/** A feature with its geometry projected into the zone's metres (polygonal, lineal or puntal part only). */
record Projected(Feature feature, Geometry metres) {

    String id() {
        return feature.id();
    }

    /** The {@code population} attribute, 0 when absent or negative. */
    double population() {
        double p = feature.number("population").orElse(0);
        return p > 0 ? p : 0;
    }

    boolean hasPopulation() {
        return feature.number("population").isPresent();
    }
}
