package org.greenplan.indicator;

import org.greenplan.layer.LayerKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/**
 * 建成区绿地率 (green space ratio of the built-up area), INDICATORS.md §5: green space inside the 建成区
 * ÷ 建成区 area × 100. Green space is the park layer plus the optional {@code green_space} layer, dissolved
 * so overlaps count once ("counted once", CJJ/T 85-2017).
 */
public final class GreenSpaceRatio implements Indicator {

    public static final String ID = "green_space_ratio";
    static final List<ParameterSpec> PARAMETERS = List.of();

    private final Parameters params;

    public GreenSpaceRatio() {
        this(Map.of());
    }

    public GreenSpaceRatio(Map<String, ?> parameters) {
        this.params = Parameters.of(PARAMETERS, parameters);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public IndicatorResult compute(Layers layers) {
        MetricFrame frame = MetricFrame.of(layers);
        AdminAreas admin = new AdminAreas(frame.polygons(layers.get(LayerKind.ADMIN_AREA)));
        List<String> notes = new ArrayList<>();
        Geometry builtUp = BuiltUpScope.of(frame, layers);
        if (builtUp == null) {
            notes.add("No built_up_area given: denominator is 0 and the value is reported as 0.");
            builtUp = MetricFrame.emptyPolygon();
        }
        List<Projected> green = new ArrayList<>(frame.polygons(layers.get(LayerKind.PARK)));
        green.addAll(frame.polygons(layers.get(LayerKind.GREEN_SPACE)));
        Geometry greenIn = Overlay.intersection(MetricFrame.union(green), builtUp);
        notes.add("Green space = park layer + green_space layer, dissolved; 其他绿地 outside construction land is not added.");
        return AreaRatio.result(ID, frame, admin, builtUp, greenIn, null, params, notes);
    }
}
