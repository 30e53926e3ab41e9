package org.greenplan.indicator;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Geometry;

/**
 * The residential land a served ground leaves, parcel by parcel, as the indicators measure it (each parcel clipped
 * to the 建成区 when the indicator clips, less the served ground): what a new park or facility of 补短板选址 can
 * still add. Parks ({@link ParkCoverageDemand}) and life-circle categories ({@link LifeCircleDemand}) cut the land
 * the same way, here, so the siting counts coverage as the indicator does for both.
 */
public final class UnservedLand {

    private final List<Geometry> remaining = new ArrayList<>();
    private final List<Double> density = new ArrayList<>();
    private double total;
    private double covered;
    private double residents;
    private double residentsCovered;

    private record Part(Geometry inScope, Geometry rest, double density) {
    }

    /**
     * The indicator's per-parcel sums, keeping what is left instead of only its area. {@code scope} (the 建成区) is
     * null when the indicator does not clip.
     */
    static UnservedLand of(List<Projected> parcels, PolygonIndex scope,
            java.util.function.UnaryOperator<Geometry> outsideServed) {
        UnservedLand land = new UnservedLand();
        List<Part> parts = Chunks.map(parcels, parcel -> {
            Geometry g = scope == null ? parcel.metres() : scope.overlap(parcel.metres());
            // residents live evenly over the whole parcel, so clipping to the 建成区 keeps the density
            return g.isEmpty() ? null : new Part(g, outsideServed.apply(g), parcel.population() / parcel.metres().getArea());
        });
        for (Part p : parts) {
            double area = p.inScope().getArea();
            double in = p.rest() == p.inScope() ? 0 : area - p.rest().getArea();
            land.remaining.add(p.rest());
            land.density.add(p.density());
            land.total += area;
            land.covered += in;
            land.residents += p.density() * area;
            land.residentsCovered += p.density() * in;
        }
        return land;
    }

    /** Per parcel in scope: the part the served ground leaves (zone metres; empty when wholly served). */
    public List<Geometry> remaining() {
        return List.copyOf(remaining);
    }

    /** The same parcels' geometries, unmodifiable and not copied (for indexing them). */
    List<Geometry> remainingView() {
        return java.util.Collections.unmodifiableList(remaining);
    }

    /** Per parcel in scope (same order as {@link #remaining()}): residents per m². */
    public double[] density() {
        return density.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Residential land in scope, m²: the figure's denominator. */
    public double total() {
        return total;
    }

    /** Residential land the existing parks or facilities serve, m²: the figure's numerator today. */
    public double covered() {
        return covered;
    }

    /** Residents on the residential land in scope. */
    public double residents() {
        return residents;
    }

    /** Residents on the land already served (existing facilities' capacity taken as unlimited). */
    public double residentsCovered() {
        return residentsCovered;
    }
}
