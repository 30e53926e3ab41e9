package org.greenplan.indicator;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.greenplan.kind.LayerKind;

/**
 * 居家养老服务中心（规范化运维）覆盖率 (003_b446952e8e6ef788.txt:144; 90 / 95 / 99 % in 2023 / 2025 / 2027), as far
 * as layers tell it: the share of communities and villages (see {@link CommunitiesServed}) with at least one
 * 居家养老服务中心 / 日间照料中心 (category {@code day_care_center}) inside. Whether a centre is run to the norm
 * (规范化运维) is not in any layer, so this is an upper bound on the annex's figure.
 */
public final class HomeCareCoverage extends StandardIndicator {

    public static final String ID = "home_care_coverage";
    static final List<ParameterSpec> PARAMETERS = List.of();
    static final Set<String> CATEGORIES = Set.of("day_care_center");

    public static final IndicatorDefinition DEFINITION = IndicatorDefinition.builder(ID, HomeCareCoverage::new)
            .name("居家养老服务中心覆盖率", "Communities with a home-care service centre").unit("%")
            .definition("Communities and villages (admin areas at 村级) with at least one 居家养老服务中心 (category "
                    + "day_care_center) inside ÷ communities and villages × 100; 规范化运维 is not checked.")
            .standard("浙江 现代化美丽城镇建设目标值 (二次征求意见稿, 2023) 第10项")
            .requires(LayerKind.ADMIN_AREA, LayerKind.FACILITY)
            .gaps("communities and villages without a home-care service centre")
            .parameters(PARAMETERS)
            .build();

    public HomeCareCoverage() {
        this(Map.of());
    }

    public HomeCareCoverage(Map<String, ?> parameters) {
        super(DEFINITION, parameters);
    }

    @Override
    public IndicatorResult compute(Layers layers) {
        return CommunitiesServed.result(ID, CATEGORIES, EnumSet.of(CommunitiesServed.Level.URBAN_COMMUNITY,
                CommunitiesServed.Level.VILLAGE), "居家养老服务中心", MetricFrame.of(layers), layers, params);
    }
}
