package org.greenplan.indicator;

import java.util.List;
import org.greenplan.kind.LayerKind;
import org.locationtech.jts.geom.Geometry;

/** The 建成区 (built-up area) that several indicators are scoped to, dissolved once. */
final class BuiltUpScope {

    private BuiltUpScope() {
    }

    /** The dissolved built-up area, or null when the layer was not given. */
    static Geometry of(MetricFrame frame, Layers layers) {
        List<Projected> builtUp = frame.polygons(layers.get(LayerKind.BUILT_UP_AREA));
        return builtUp.isEmpty() ? null : MetricFrame.union(builtUp);
    }

    /**
     * The built-up area as the denominator of a ratio: without the layer the ratio has nothing to divide
     * by, so it is empty (value 0) and a note says why rather than failing the whole dashboard.
     */
    static Geometry asDenominator(MetricFrame frame, Layers layers, List<String> notes) {
        Geometry builtUp = of(frame, layers);
        if (builtUp == null) {
            notes.add("No built_up_area given: the denominator is 0, " + IndicatorResult.NO_VALUE);
            return MetricFrame.emptyPolygon();
        }
        return builtUp;
    }
}
