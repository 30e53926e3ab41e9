package org.greenplan.indicator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.greenplan.kind.LayerKind;
import org.locationtech.jts.geom.Geometry;

/**
 * 海绵城市建设达标面积比例 (sponge-city compliant share), GB/T 51345-2018 as summarised in INDICATORS.md
 * §3: built-up area inside sponge-compliant zones ÷ built-up area × 100. With {@code minRunoffControlRate}
 * set, only zones whose {@code runoff_control_rate} (年径流总量控制率, %) reaches it count.
 */
public final class SpongeCityShare extends StandardIndicator {

    public static final String ID = "sponge_city_share";
    public static final String RUNOFF_ATTRIBUTE = "runoff_control_rate";

    static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.number("minRunoffControlRate", null, 0, 100, "%",
                    "only zones with runoff_control_rate at least this count; unset = every zone given counts"));

    public static final IndicatorDefinition DEFINITION = IndicatorDefinition.builder(ID, SpongeCityShare::new)
            .name("海绵城市建设达标面积比例", "Sponge-city compliant share").unit("%")
            .definition("Built-up area inside sponge-compliant zones ÷ built-up area × 100; optionally only zones whose "
                    + "年径流总量控制率 reaches a threshold.")
            .standard("GB/T 51345-2018 海绵城市建设评价标准; 国办发〔2015〕75号 (≥20% by 2020, ≥80% by 2030)")
            .requires(LayerKind.BUILT_UP_AREA, LayerKind.SPONGE_ZONE)
            .alsoReads(LayerKind.ADMIN_AREA)
            .parameters(PARAMETERS)
            .gaps("built-up area outside sponge-compliant zones")
            .build();

    public SpongeCityShare() {
        this(Map.of());
    }

    public SpongeCityShare(Map<String, ?> parameters) {
        super(DEFINITION, parameters);
    }

    @Override
    public IndicatorResult compute(Layers layers) {
        MetricFrame frame = MetricFrame.of(layers);
        AdminAreas admin = new AdminAreas(frame.polygons(layers.get(LayerKind.ADMIN_AREA)));
        List<String> notes = new ArrayList<>();
        Geometry builtUp = BuiltUpScope.asDenominator(frame, layers, notes);
        OptionalDouble threshold = params.optionalNumber("minRunoffControlRate");
        List<Projected> zones = frame.polygons(layers.get(LayerKind.SPONGE_ZONE));
        List<Projected> compliant = new ArrayList<>();
        int withoutRate = 0, belowRate = 0;
        for (Projected zone : zones) {
            OptionalDouble rate = zone.feature().number(RUNOFF_ATTRIBUTE);
            if (threshold.isEmpty()) {
                compliant.add(zone);
            } else if (rate.isEmpty()) {
                withoutRate++;
            } else if (asPercent(rate.getAsDouble()) >= threshold.getAsDouble()) {
                compliant.add(zone);
            } else {
                belowRate++;
            }
        }
        if (withoutRate > 0) {
            notes.add(withoutRate + " sponge zones have no " + RUNOFF_ATTRIBUTE + " and do not count under the threshold.");
        }
        if (threshold.isPresent()) {
            notes.add(belowRate + " sponge zones are below " + threshold.getAsDouble() + "% and do not count.");
        }
        return AreaRatio.result(ID, frame, admin, builtUp, CellDissolve.of(Projected.metres(compliant)), true, params, notes);
    }

    /** Rates arrive as 75 or as 0.75 depending on who filled the table; both mean 75%. */
    private static double asPercent(double rate) {
        return rate <= 1.0 ? rate * 100 : rate;
    }
}
