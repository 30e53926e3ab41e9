package org.greenplan.indicator;

import java.util.List;
import org.greenplan.kind.LayerKind;
import org.locationtech.jts.geom.Geometry;

/**
 * The residents living inside given areas (an isochrone's rings): each residential parcel's residents
 * ({@link ResidentPopulation}: its own population, else its share of its admin area's) spread evenly over its
 * land, counted for the part of the parcel inside the area. Reads the {@code residential}, {@code admin_area}
 * and {@code building} features of {@code layers}; give them whole (not cut to the areas), or the admin
 * areas' population lands on too few parcels.
 */
public final class ResidentsWithin {

    /** Residents per area, in the order given, and how they were found ({@code populationSource}). */
    public record Count(double[] residents, String source) {
    }

    private ResidentsWithin() {
    }

    public static Count of(Layers layers, List<Geometry> areasLonLat) {
        MetricFrame frame = MetricFrame.of(layers);
        AdminAreas admin = new AdminAreas(frame.polygons(layers.get(LayerKind.ADMIN_AREA)));
        ResidentPopulation population = ResidentPopulation.of(frame, layers, admin,
                frame.polygons(layers.get(LayerKind.RESIDENTIAL)));
        double[] out = new double[areasLonLat.size()];
        for (int i = 0; i < out.length; i++) {
            Geometry area = frame.zone().toMetres(areasLonLat.get(i));
            if (!area.isValid()) {
                area = org.locationtech.jts.geom.util.GeometryFixer.fix(area);
            }
            if (area.isEmpty()) {
                continue;
            }
            PolygonIndex index = new PolygonIndex(List.of(area));
            for (Projected p : population.parcels) {
                if (p.population() > 0) {
                    Geometry inside = index.overlap(p.metres());
                    out[i] += p.population() * inside.getArea() / p.metres().getArea();
                }
            }
        }
        return new Count(out, population.source);
    }
}
