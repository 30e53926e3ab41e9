package org.greenplan.indicator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.greenplan.kind.LayerKind;
import org.locationtech.jts.geom.Geometry;

/**
 * 建成区绿地率 (green space ratio of the built-up area), INDICATORS.md §5: green space inside the 建成区
 * ÷ 建成区 area × 100. Green space is the park layer plus the optional {@code green_space} layer, dissolved
 * so overlaps count once ("counted once", CJJ/T 85-2017).
 */
public final class GreenSpaceRatio extends StandardIndicator {

    public static final String ID = "green_space_ratio";
    static final List<ParameterSpec> PARAMETERS = List.of();

    public static final IndicatorDefinition DEFINITION = IndicatorDefinition.builder(ID, GreenSpaceRatio::new)
            .name("建成区绿地率", "Green space ratio of the built-up area").unit("%")
            .definition("Green space (parks + other green space, dissolved) inside the 建成区 ÷ 建成区 area × 100.")
            .standard("GB/T 50563-2010; 国家园林城市系列标准 (建城〔2016〕235号)")
            .requires(LayerKind.BUILT_UP_AREA, LayerKind.PARK)
            .alsoReads(LayerKind.GREEN_SPACE, LayerKind.ADMIN_AREA)
            .parameters(PARAMETERS)
            .build();

    public GreenSpaceRatio() {
        this(Map.of());
    }

    public GreenSpaceRatio(Map<String, ?> parameters) {
        super(DEFINITION, parameters);
    }

    @Override
    public IndicatorResult compute(Layers layers) {
        MetricFrame frame = MetricFrame.of(layers);
        AdminAreas admin = new AdminAreas(frame.polygons(layers.get(LayerKind.ADMIN_AREA)));
        List<String> notes = new ArrayList<>();
        Geometry builtUp = BuiltUpScope.asDenominator(frame, layers, notes);
        List<Projected> green = new ArrayList<>(frame.polygons(layers.get(LayerKind.PARK)));
        green.addAll(frame.polygons(layers.get(LayerKind.GREEN_SPACE)));
        notes.add("Green space = park layer + green_space layer, dissolved; 其他绿地 outside construction land is not added.");
        return AreaRatio.result(ID, frame, admin, builtUp, CellDissolve.of(Projected.metres(green)), false, params, notes);
    }
}
