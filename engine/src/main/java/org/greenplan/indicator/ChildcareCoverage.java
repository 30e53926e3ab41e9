package org.greenplan.indicator;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.greenplan.kind.LayerKind;

/**
 * 城镇社区婴幼儿托育设施覆盖率 (003_b446952e8e6ef788.txt:145; 75 / 80 / 90 % in 2023 / 2025 / 2027): the share
 * of urban communities (居委会 level, see {@link CommunitiesServed}) with at least one 托育 facility inside. The
 * category table files 托育/托育机构/托育中心 under {@code kindergarten}, with the 幼儿园 (ages 3–6), so a
 * kindergarten serves here too: the figure is an upper bound on 0–3 托育 coverage.
 */
public final class ChildcareCoverage extends StandardIndicator {

    public static final String ID = "childcare_coverage";
    static final List<ParameterSpec> PARAMETERS = List.of();
    static final Set<String> CATEGORIES = Set.of("kindergarten");

    public static final IndicatorDefinition DEFINITION = IndicatorDefinition.builder(ID, ChildcareCoverage::new)
            .name("城镇社区婴幼儿托育设施覆盖率", "Urban communities with infant-care facilities").unit("%")
            .definition("Urban communities (admin areas at 居委会/社区 level) with at least one 托育 facility "
                    + "(category kindergarten) inside ÷ urban communities × 100.")
            .standard("浙江 现代化美丽城镇建设目标值 (二次征求意见稿, 2023) 第11项")
            .requires(LayerKind.ADMIN_AREA, LayerKind.FACILITY)
            .gaps("urban communities without a 托育 facility")
            .parameters(PARAMETERS)
            .build();

    public ChildcareCoverage() {
        this(Map.of());
    }

    public ChildcareCoverage(Map<String, ?> parameters) {
        super(DEFINITION, parameters);
    }

    @Override
    public IndicatorResult compute(Layers layers) {
        return CommunitiesServed.result(ID, CATEGORIES, EnumSet.of(CommunitiesServed.Level.URBAN_COMMUNITY),
                "托育 facility", MetricFrame.of(layers), layers, params);
    }
}
