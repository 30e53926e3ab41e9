package org.greenplan.indicator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.greenplan.kind.LayerKind;

/**
 * 绿道总长度 (total greenway length, km): the greenways of the jurisdiction as {@link GreenwaysInJurisdiction}
 * counts them (clipped to the admin areas, dissolved), km by level alongside. The Zhejiang green-development
 * draft sets "建成各级绿道 20000 公里" for the whole province by 2025 (000_8f84cd397ae9d56c.txt:72), so one
 * town's figure is its share of that total, not a test it can pass alone.
 */
public final class GreenwayLength extends StandardIndicator {

    public static final String ID = "greenway_length";
    static final List<ParameterSpec> PARAMETERS = List.of();

    public static final IndicatorDefinition DEFINITION = IndicatorDefinition.builder(ID, GreenwayLength::new)
            .name("绿道总长度", "Total greenway length").unit("km")
            .definition("Greenway length in km inside the admin areas (the jurisdiction), dissolved so a stretch drawn "
                    + "twice counts once; km per level 区域级/城市级/社区级 alongside.")
            .standard("绿道规划设计导则 (MOHURD 2016); 浙江 城乡建设绿色发展 (建成各级绿道 20000 公里, province-wide)")
            .requires(LayerKind.GREENWAY)
            .alsoReads(LayerKind.ADMIN_AREA)
            .parameters(PARAMETERS)
            .build();

    public GreenwayLength() {
        this(Map.of());
    }

    public GreenwayLength(Map<String, ?> parameters) {
        super(DEFINITION, parameters);
    }

    @Override
    public IndicatorResult compute(Layers layers) {
        MetricFrame frame = MetricFrame.of(layers);
        List<Projected> adminAreas = frame.polygons(layers.get(LayerKind.ADMIN_AREA));
        AdminAreas admin = new AdminAreas(adminAreas);
        List<Projected> lines = frame.lines(layers.get(LayerKind.GREENWAY));
        GreenwaysInJurisdiction greenways = new GreenwaysInJurisdiction(lines, adminAreas, admin);
        List<String> notes = new ArrayList<>();
        // a length needs no denominator; "none given" is the only case without a value (0 km drawn is a real 0)
        double given = layers.get(LayerKind.GREENWAY).isEmpty() ? 0 : 1;
        if (given == 0) {
            notes.add("No greenway features given: nothing to measure, " + IndicatorResult.NO_VALUE);
        }
        notes.add(greenways.clippingNote());
        notes.add("Overlapping greenway lines counted once.");
        List<AreaBreakdown> breakdown = new ArrayList<>();
        for (AdminAreas.Area a : admin.list()) {
            double km = greenways.kmPerArea[a.index()];
            breakdown.add(new AreaBreakdown(a.id(), a.name(), Tally.ratio(km, given, 1), km, given, List.of()));
        }
        return new IndicatorResult(ID, Tally.ratio(greenways.km, given, 1), "km", greenways.km, given,
                greenways.levelMeasures(), breakdown, frame.toLonLat(MetricFrame.emptyPolygon()), List.of(),
                params.asMap(), notes, frame.epsg());
    }
}
