package org.greenplan.indicator;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.greenplan.kind.LayerKind;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Who lives on the residential land. A parcel's own {@code population} is used where it has one. Where parcels
 * carry none, each admin area's {@code population}, less the residents of its parcels that do carry one, is
 * spread over its parcels without one: by <b>floor area</b> (building footprint inside the parcel × floors)
 * when a {@code building} layer gives {@code floors} or {@code height} (3 m a floor), else by <b>land area</b>.
 * An admin area none of whose residential land holds a building falls back to land area, so its people are
 * not lost. A parcel in two admin areas gets a share from each. Inside a parcel the residents are then spread
 * evenly over its land, as for a parcel that carries its own population.
 */
final class ResidentPopulation {

    /** How the residents were found: the result's {@code populationSource} parameter. */
    static final String PARCEL = "parcel";
    static final String FLOOR_AREA = "floor_area";
    static final String LAND_AREA = "land_area";
    static final String NONE = "none";

    /** Metres a floor when only a building's {@code height} is given. */
    static final double FLOOR_HEIGHT_M = 3.0;

    final List<Projected> parcels;
    final String source;
    private final int distributed;
    private final int landFallbackAreas;
    private final int unplacedAreas;

    private ResidentPopulation(List<Projected> parcels, String source, int distributed, int landFallbackAreas,
            int unplacedAreas) {
        this.parcels = parcels;
        this.source = source;
        this.distributed = distributed;
        this.landFallbackAreas = landFallbackAreas;
        this.unplacedAreas = unplacedAreas;
    }

    static ResidentPopulation of(MetricFrame frame, Layers layers, AdminAreas admin, List<Projected> parcels) {
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < parcels.size(); i++) {
            if (!parcels.get(i).hasPopulation()) {
                missing.add(i);
            }
        }
        boolean adminPopulation = admin.list().stream().anyMatch(a -> a.projected().hasPopulation());
        if (missing.isEmpty() || !adminPopulation) {
            return new ResidentPopulation(parcels, missing.size() == parcels.size() ? NONE : PARCEL, 0, 0, 0);
        }
        List<Projected> buildings = frame.polygons(layers.get(LayerKind.BUILDING));
        boolean byFloors = buildings.stream().anyMatch(b -> floors(b).isPresent());
        STRtree index = new STRtree();
        for (Projected b : buildings) {
            index.insert(b.metres().getEnvelopeInternal(), b);
        }

        int n = admin.size();
        double[] given = new double[n];
        double[] landTotal = new double[n];
        double[] floorTotal = new double[n];
        // per parcel without population: its land and floor area in each admin area it lies in
        double[][] land = new double[parcels.size()][];
        double[][] floor = new double[parcels.size()][];
        for (int i = 0; i < parcels.size(); i++) {
            Projected p = parcels.get(i);
            if (p.hasPopulation()) {
                double density = p.population() / p.metres().getArea();
                admin.split(p.metres(), null, (a, part, none) -> given[a.index()] += density * part.getArea());
                continue;
            }
            double[] l = land[i] = new double[n];
            double[] f = floor[i] = new double[n];
            admin.split(p.metres(), null, (a, part, none) -> {
                l[a.index()] += part.getArea();
                landTotal[a.index()] += part.getArea();
                if (byFloors) {
                    double fa = floorArea(part, index);
                    f[a.index()] += fa;
                    floorTotal[a.index()] += fa;
                }
            });
        }
        double[] residual = new double[n];
        int fallback = 0;
        int unplaced = 0;
        for (AdminAreas.Area a : admin.list()) {
            int k = a.index();
            residual[k] = a.projected().hasPopulation() ? Math.max(0, a.projected().population() - given[k]) : 0;
            if (residual[k] > 0 && landTotal[k] <= 0) {
                unplaced++; // population but no residential land without one: nowhere to put these people
            }
            if (byFloors && floorTotal[k] <= 0 && landTotal[k] > 0 && residual[k] > 0) {
                fallback++;
            }
        }
        List<Projected> out = new ArrayList<>(parcels);
        for (int i : missing) {
            double residents = 0;
            for (int k = 0; k < n; k++) {
                if (byFloors && floorTotal[k] > 0) {
                    residents += residual[k] * floor[i][k] / floorTotal[k];
                } else if (landTotal[k] > 0) {
                    residents += residual[k] * land[i][k] / landTotal[k];
                }
            }
            out.set(i, parcels.get(i).withPopulation(residents));
        }
        return new ResidentPopulation(List.copyOf(out), byFloors ? FLOOR_AREA : LAND_AREA, missing.size(), fallback,
                unplaced);
    }

    /** Floors of a building: {@code floors} (or OSM's {@code building_levels}/{@code building:levels}), else height ÷ 3 m. */
    static OptionalDouble floors(Projected building) {
        for (String key : List.of("floors", "building_levels", "building:levels", "levels")) {
            OptionalDouble v = building.feature().number(key);
            if (v.isPresent() && v.getAsDouble() > 0) {
                return v;
            }
        }
        OptionalDouble h = building.feature().number("height");
        return h.isPresent() && h.getAsDouble() > 0 ? OptionalDouble.of(h.getAsDouble() / FLOOR_HEIGHT_M) : OptionalDouble.empty();
    }

    /** Floor area on {@code land}: each building's footprint inside it × its floors (one floor when it gives none). */
    @SuppressWarnings("unchecked")
    private static double floorArea(Geometry land, STRtree buildings) {
        double sum = 0;
        for (Projected b : (List<Projected>) buildings.query(land.getEnvelopeInternal())) {
            double footprint = Overlay.intersection(b.metres(), land).getArea();
            if (footprint > 0) {
                sum += footprint * floors(b).orElse(1);
            }
        }
        return sum;
    }

    /** The run's parameters with {@code populationSource}: how the residents were found. */
    java.util.Map<String, Object> parameters(java.util.Map<String, Object> params) {
        var out = new java.util.LinkedHashMap<>(params);
        out.put("populationSource", source);
        return out;
    }

    /** Residents covered and residents, in persons, beside the land covered (cards, report and CSV show them). */
    static void addMeasures(List<Measure> measures, double residentsCovered, double residents) {
        if (residents > 0) {
            measures.add(new Measure(RESIDENTS_COVERED, residentsCovered, "persons", residentsCovered, residents));
            measures.add(new Measure(RESIDENTS, residents, "persons", residents, residents));
        }
    }

    static final String RESIDENTS_COVERED = "residents_covered";
    static final String RESIDENTS = "residents";

    /** The note the coverage indicators carry: which residents they count and how they were found. */
    String note() {
        String unplaced = unplacedAreas == 0 ? "" : " " + unplacedAreas + " admin areas with population have no "
                + "residential land without population in the area: their residents are not counted.";
        return switch (source) {
            case FLOOR_AREA -> distributed + " residential parcels without population got their admin area's population "
                    + "(less that of parcels giving one) by floor area: building footprint × floors ('floors', else "
                    + "height ÷ 3 m; one floor when neither is given)"
                    + (landFallbackAreas > 0 ? "; " + landFallbackAreas + " admin areas without buildings on their "
                            + "residential land by land area." : ".") + unplaced;
            case LAND_AREA -> distributed + " residential parcels without population got their admin area's population "
                    + "(less that of parcels giving one) by land area (no building layer with floors or height)." + unplaced;
            case PARCEL -> "Residents from the residential parcels' population.";
            default -> "No population on the residential parcels or admin areas: residents are not counted.";
        };
    }
}
