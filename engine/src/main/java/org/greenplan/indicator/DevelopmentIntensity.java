package org.greenplan.indicator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.greenplan.kind.LayerKind;
import org.locationtech.jts.geom.Geometry;

/**
 * 国土开发强度 (land development intensity), INDICATORS.md §5: construction land ÷ total land area of
 * the jurisdiction × 100. The total is the union of the admin areas, else the area of interest given in
 * {@link Layers}. Not to be confused with 区域开发强度 (建成区 ÷ 市辖区 area).
 */
public final class DevelopmentIntensity extends StandardIndicator {

    public static final String ID = "development_intensity";
    static final List<ParameterSpec> PARAMETERS = List.of();

    public static final IndicatorDefinition DEFINITION = IndicatorDefinition.builder(ID, DevelopmentIntensity::new)
            .name("国土开发强度", "Land development intensity").unit("%")
            .definition("Construction land ÷ total land area (union of admin areas, else the area of interest) × 100.")
            .standard("全国主体功能区规划 (国发〔2010〕46号); 国土空间规划")
            .requires(LayerKind.CONSTRUCTION_LAND)
            .alsoReads(LayerKind.ADMIN_AREA)
            .parameters(PARAMETERS)
            .build();

    public DevelopmentIntensity() {
        this(Map.of());
    }

    public DevelopmentIntensity(Map<String, ?> parameters) {
        super(DEFINITION, parameters);
    }

    @Override
    public IndicatorResult compute(Layers layers) {
        MetricFrame frame = MetricFrame.of(layers);
        List<Projected> adminAreas = frame.polygons(layers.get(LayerKind.ADMIN_AREA));
        AdminAreas admin = new AdminAreas(adminAreas);
        List<String> notes = new ArrayList<>();
        Geometry total;
        if (!adminAreas.isEmpty()) {
            total = MetricFrame.union(adminAreas);
            notes.add("Total land = union of the admin areas.");
        } else if (layers.areaOfInterest().isPresent()) {
            total = frame.zone().toMetres(layers.areaOfInterest().get());
            notes.add("Total land = the area of interest given.");
        } else {
            total = MetricFrame.emptyPolygon();
            notes.add("Neither admin areas nor an area of interest given: the denominator is 0, " + IndicatorResult.NO_VALUE);
        }
        CellDissolve construction = CellDissolve.of(Projected.metres(frame.polygons(layers.get(LayerKind.CONSTRUCTION_LAND))));
        notes.add("国土开发强度 (construction land ÷ total land), not 区域开发强度 (建成区 ÷ 市辖区).");
        return AreaRatio.result(ID, frame, admin, total, construction, false, params, notes);
    }
}
