package org.greenplan.indicator;

import java.util.List;
import org.locationtech.jts.geom.Geometry;

/**
 * The shape shared by the "part of a whole, in %" indicators (green space ratio, sponge-city share,
 * development intensity): value, per-admin-area split and optional gap, computed one way.
 */
final class AreaRatio {

    private AreaRatio() {
    }

    /** {@code part} must lie inside {@code whole}; {@code gap} (metres, may be null) is reported as is. */
    static IndicatorResult result(String id, MetricFrame frame, AdminAreas admin, Geometry whole, Geometry part,
            Geometry gap, Parameters params, List<String> notes) {
        Tally tally = new Tally(admin.size());
        if (!whole.isEmpty()) {
            admin.split(whole, part, (a, w, p) -> tally.add(a.index(), p.getArea(), w.getArea()));
        }
        double num = part.getArea(), den = whole.getArea();
        Geometry gaps = gap == null || gap.isEmpty() ? frame.toLonLat(MetricFrame.emptyPolygon()) : frame.toLonLat(gap);
        return new IndicatorResult(id, Tally.ratio(num, den, 100), "%", num, den, List.of(),
                tally.breakdown(admin, 100, "%", false), gaps, List.of(), params.asMap(), notes, frame.epsg());
    }
}
