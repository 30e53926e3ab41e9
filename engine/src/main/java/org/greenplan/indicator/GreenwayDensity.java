package org.greenplan.indicator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.greenplan.kind.LayerKind;

/**
 * 万人拥有绿道长度 (greenway km per 10,000 people), INDICATORS.md §4: greenway length (km) ÷ population
 * (10,000s). The km are those of {@link GreenwaysInJurisdiction}: clipped to the admin areas (the jurisdiction
 * whose residents the denominator counts), dissolved, and by level as measures {@code length_km.<level>}.
 */
public final class GreenwayDensity extends StandardIndicator {

    public static final String ID = "greenway_density";
    static final List<ParameterSpec> PARAMETERS = List.of();

    public static final IndicatorDefinition DEFINITION = IndicatorDefinition.builder(ID, GreenwayDensity::new)
            .name("万人拥有绿道长度", "Greenway length per 10,000 people").unit("km/10k persons")
            .definition("Greenway length (km, inside the admin areas, dissolved) ÷ population in 10,000s; km per level "
                    + "区域级/城市级/社区级 alongside.")
            .standard("绿道规划设计导则 (MOHURD 2016); 生态园林城市 assessment")
            .requires(LayerKind.GREENWAY)
            .alsoReads(LayerKind.ADMIN_AREA, LayerKind.RESIDENTIAL)
            .parameters(PARAMETERS)
            .build();

    public GreenwayDensity() {
        this(Map.of());
    }

    public GreenwayDensity(Map<String, ?> parameters) {
        super(DEFINITION, parameters);
    }

    @Override
    public IndicatorResult compute(Layers layers) {
        MetricFrame frame = MetricFrame.of(layers);
        List<Projected> adminAreas = frame.polygons(layers.get(LayerKind.ADMIN_AREA));
        AdminAreas admin = new AdminAreas(adminAreas);
        PopulationBase population = PopulationBase.of(admin, frame.polygons(layers.get(LayerKind.RESIDENTIAL)));
        GreenwaysInJurisdiction greenways = new GreenwaysInJurisdiction(
                frame.lines(layers.get(LayerKind.GREENWAY)), adminAreas, admin);
        double km = greenways.km;
        double tenThousands = population.total / 10_000;

        List<Measure> measures = new ArrayList<>();
        measures.add(new Measure("length_km", km, "km", km, 1));
        measures.addAll(greenways.levelMeasures());
        if (!adminAreas.isEmpty()) {
            double km2 = MetricFrame.union(adminAreas).getArea() / 1e6;
            measures.add(new Measure("km_per_km2", Tally.ratio(km, km2, 1), "km/km2", km, km2));
        }

        List<AreaBreakdown> breakdown = new ArrayList<>();
        for (AdminAreas.Area a : admin.list()) {
            double tt = population.perArea[a.index()] / 10_000;
            double areaKm = greenways.kmPerArea[a.index()];
            breakdown.add(new AreaBreakdown(a.id(), a.name(), Tally.ratio(areaKm, tt, 1), areaKm, tt, List.of()));
        }
        List<String> notes = new ArrayList<>();
        notes.add(population.note());
        notes.add("Numerator in km, denominator in 10,000 persons; overlapping greenway lines counted once.");
        notes.add(greenways.clippingNote());
        return new IndicatorResult(ID, Tally.ratio(km, tenThousands, 1), "km/10k persons", km, tenThousands,
                measures, breakdown, frame.toLonLat(MetricFrame.emptyPolygon()), List.of(), params.asMap(), notes,
                frame.epsg());
    }
}
