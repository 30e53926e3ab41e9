package org.greenplan.indicator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.greenplan.kind.LayerKind;
import org.locationtech.jts.geom.Geometry;

/**
 * 人均公园绿地面积 (park area per capita), INDICATORS.md §5: park area inside the 建成区 (dissolved) ÷
 * population, in m² per person. GB 55014-2021 2.1.4 sets a floor of more than 8.0 m²/人.
 */
public final class ParkAreaPerCapita extends StandardIndicator {

    public static final String ID = "park_area_per_capita";
    static final List<ParameterSpec> PARAMETERS = List.of();

    public static final IndicatorDefinition DEFINITION = IndicatorDefinition.builder(ID, ParkAreaPerCapita::new)
            .name("人均公园绿地面积", "Park area per capita").unit("m2/person")
            .definition("Park area inside the 建成区 (dissolved) ÷ population (admin areas' population, else residential "
                    + "parcels').")
            .standard("GB 55014-2021 2.1.4 (>8.0 m²/人); CJJ/T 85-2017")
            .requires(LayerKind.PARK)
            .alsoReads(LayerKind.BUILT_UP_AREA, LayerKind.ADMIN_AREA, LayerKind.RESIDENTIAL)
            .parameters(PARAMETERS)
            .build();

    public ParkAreaPerCapita() {
        this(Map.of());
    }

    public ParkAreaPerCapita(Map<String, ?> parameters) {
        super(DEFINITION, parameters);
    }

    @Override
    public IndicatorResult compute(Layers layers) {
        MetricFrame frame = MetricFrame.of(layers);
        AdminAreas admin = new AdminAreas(frame.polygons(layers.get(LayerKind.ADMIN_AREA)));
        PopulationBase population = PopulationBase.of(admin, frame.polygons(layers.get(LayerKind.RESIDENTIAL)));
        List<String> notes = new ArrayList<>();
        Geometry parks = MetricFrame.union(frame.polygons(layers.get(LayerKind.PARK)));
        Geometry builtUp = BuiltUpScope.of(frame, layers);
        if (builtUp == null) {
            notes.add("No built_up_area given: all parks given are counted.");
        } else {
            parks = Overlay.intersection(parks, builtUp);
        }
        notes.add(population.note());

        double[] parkArea = new double[admin.size()];
        if (!parks.isEmpty()) {
            admin.split(parks, null, (a, part, none) -> parkArea[a.index()] += part.getArea());
        }
        List<AreaBreakdown> breakdown = new ArrayList<>();
        for (AdminAreas.Area a : admin.list()) {
            double pop = population.perArea[a.index()];
            breakdown.add(new AreaBreakdown(a.id(), a.name(), Tally.ratio(parkArea[a.index()], pop, 1),
                    parkArea[a.index()], pop, List.of()));
        }
        double area = parks.getArea();
        return new IndicatorResult(ID, Tally.ratio(area, population.total, 1), "m2/person", area, population.total,
                List.of(), breakdown, frame.toLonLat(MetricFrame.emptyPolygon()), List.of(), params.asMap(), notes,
                frame.epsg());
    }
}
