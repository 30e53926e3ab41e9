package org.greenplan.indicator;

import java.util.OptionalDouble;
import org.greenplan.geo.Feature;
import org.locationtech.jts.geom.Geometry;

/**
 * A feature with its geometry projected into the zone's metres (polygonal, lineal or puntal part only).
 * The population is read from the attributes once, here: per-parcel loops ask for it several times, and
 * a hash lookup in 100k scattered attribute maps was a sixth of park coverage's time.
 */
final class Projected {

    private final Feature feature;
    private final Geometry metres;
    private final double population;
    private final boolean hasPopulation;

    Projected(Feature feature, Geometry metres) {
        this.feature = feature;
        this.metres = metres;
        OptionalDouble p = feature.number("population");
        this.hasPopulation = p.isPresent();
        this.population = p.isPresent() && p.getAsDouble() > 0 ? p.getAsDouble() : 0;
    }

    private Projected(Feature feature, Geometry metres, double population) {
        this.feature = feature;
        this.metres = metres;
        this.population = population;
        this.hasPopulation = true;
    }

    /** The same parcel with residents assigned to it ({@link ResidentPopulation}: its share of its admin area's). */
    Projected withPopulation(double residents) {
        return new Projected(feature, metres, Math.max(0, residents));
    }

    /** The geometries in metres, in order. */
    static java.util.List<Geometry> metres(java.util.List<Projected> features) {
        return features.stream().map(Projected::metres).toList();
    }

    Feature feature() {
        return feature;
    }

    Geometry metres() {
        return metres;
    }

    String id() {
        return feature.id();
    }

    /** The {@code population} attribute, 0 when absent or negative. */
    double population() {
        return population;
    }

    boolean hasPopulation() {
        return hasPopulation;
    }
}
