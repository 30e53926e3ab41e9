package org.greenplan.indicator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.greenplan.kind.LayerKind;
import org.locationtech.jts.geom.Geometry;

/**
 * 森林覆盖率 (forest coverage): forest area inside the jurisdiction ÷ the jurisdiction's land area × 100, the
 * jurisdiction being the admin areas dissolved. The forest layer is dissolved so overlapping patches count
 * once. The Zhejiang green-development draft sets 61.5 % province-wide by 2025 (000_8f84cd397ae9d56c.txt:70).
 * Forest is what the {@code forest} layer holds (e.g. 三调 林地 of 乔木林地/竹林地, or a forest inventory's
 * 有林地); the official figure also counts 特别规定灌木林地, so the layer decides what is counted.
 */
public final class ForestCoverage extends StandardIndicator {

    public static final String ID = "forest_coverage";
    static final List<ParameterSpec> PARAMETERS = List.of();

    public static final IndicatorDefinition DEFINITION = IndicatorDefinition.builder(ID, ForestCoverage::new)
            .name("森林覆盖率", "Forest coverage").unit("%")
            .definition("Forest (the forest layer, dissolved) inside the admin areas ÷ the admin areas' area × 100.")
            .standard("国家森林资源连续清查技术规定 (森林覆盖率 = 森林面积 ÷ 土地总面积); 浙江 城乡建设绿色发展 (61.5 %, province-wide)")
            .requires(LayerKind.FOREST, LayerKind.ADMIN_AREA)
            .parameters(PARAMETERS)
            .build();

    public ForestCoverage() {
        this(Map.of());
    }

    public ForestCoverage(Map<String, ?> parameters) {
        super(DEFINITION, parameters);
    }

    @Override
    public IndicatorResult compute(Layers layers) {
        MetricFrame frame = MetricFrame.of(layers);
        List<Projected> adminAreas = frame.polygons(layers.get(LayerKind.ADMIN_AREA));
        AdminAreas admin = new AdminAreas(adminAreas);
        List<String> notes = new ArrayList<>();
        Geometry jurisdiction = MetricFrame.union(adminAreas);
        if (adminAreas.isEmpty()) {
            notes.add("No admin areas given: no land area to divide by, " + IndicatorResult.NO_VALUE);
        }
        CellDissolve forest = CellDissolve.of(Projected.metres(frame.polygons(layers.get(LayerKind.FOREST))));
        notes.add("Forest = the forest layer, dissolved, inside the admin areas; the denominator is the admin areas' "
                + "whole area (water included, as 土地总面积 is taken here).");
        return AreaRatio.result(ID, frame, admin, jurisdiction, forest, false, params, notes);
    }
}
