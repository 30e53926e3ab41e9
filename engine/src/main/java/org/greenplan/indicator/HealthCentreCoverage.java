package org.greenplan.indicator;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.greenplan.kind.LayerKind;

/**
 * 乡镇卫生院（社区卫生服务中心）覆盖率 (003_b446952e8e6ef788.txt:146; 85 / 90 / 95 % in 2023 / 2025 / 2027), as
 * far as layers tell it: the share of communities and villages (see {@link CommunitiesServed}) with at least one
 * 乡镇卫生院 / 社区卫生服务中心 (category {@code community_health_center}) inside. The annex counts only centres
 * 达到国家服务能力评价标准, which no layer says, so this is an upper bound on its figure.
 */
public final class HealthCentreCoverage extends StandardIndicator {

    public static final String ID = "health_centre_coverage";
    static final List<ParameterSpec> PARAMETERS = List.of();
    static final Set<String> CATEGORIES = Set.of("community_health_center");

    public static final IndicatorDefinition DEFINITION = IndicatorDefinition.builder(ID, HealthCentreCoverage::new)
            .name("乡镇卫生院（社区卫生服务中心）覆盖率", "Communities with a township / community health centre").unit("%")
            .definition("Communities and villages (admin areas at 村级) with at least one 乡镇卫生院 or 社区卫生服务中心 "
                    + "(category community_health_center) inside ÷ communities and villages × 100; the service-capability "
                    + "standard is not checked.")
            .standard("浙江 现代化美丽城镇建设目标值 (二次征求意见稿, 2023) 第12项")
            .requires(LayerKind.ADMIN_AREA, LayerKind.FACILITY)
            .gaps("communities and villages without a health centre")
            .parameters(PARAMETERS)
            .build();

    public HealthCentreCoverage() {
        this(Map.of());
    }

    public HealthCentreCoverage(Map<String, ?> parameters) {
        super(DEFINITION, parameters);
    }

    @Override
    public IndicatorResult compute(Layers layers) {
        return CommunitiesServed.result(ID, CATEGORIES, EnumSet.of(CommunitiesServed.Level.URBAN_COMMUNITY,
                CommunitiesServed.Level.VILLAGE), "health centre", MetricFrame.of(layers), layers, params);
    }
}
