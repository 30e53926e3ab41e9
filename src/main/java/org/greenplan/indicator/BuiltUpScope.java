package org.greenplan.indicator;

import org.greenplan.layer.LayerKind;
import java.util.List;
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
}
