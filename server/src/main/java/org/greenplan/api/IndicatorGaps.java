package org.greenplan.api;

import java.util.LinkedHashMap;
import java.util.Map;
import org.greenplan.geo.GeoJson;
import org.greenplan.indicator.Finding;
import org.greenplan.indicator.IndicatorResult;
import org.greenplan.indicator.service.IndicatorRun;
import org.greenplan.layer.FeatureRepository;
import org.locationtech.jts.geom.Geometry;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code GET /api/v1/indicators/{id}/gaps}: what is not covered, as a GeoJSON FeatureCollection: one
 * {@code gap} feature (the uncovered land, with its area) followed by the indicator's findings that have a
 * geometry. Written as text, geometry by geometry, because a city's gaps run to megabytes of coordinates.
 */
final class IndicatorGaps {

    private IndicatorGaps() {
    }

    static String geoJson(ObjectMapper json, IndicatorRun run, String gapDescription) {
        String id = run.definition().id();
        IndicatorResult r = run.result();
        StringBuilder sb = new StringBuilder(1 << 16);
        sb.append("{\"type\":\"FeatureCollection\",\"indicator\":").append(json.writeValueAsString(id))
                .append(",\"area\":").append(json.writeValueAsString(IndicatorValueResponse.AreaRef.of(run.area())));
        if (run.mode() != null) {
            sb.append(",\"mode\":").append(json.writeValueAsString(run.mode()));
        }
        sb.append(",\"features\":[");
        boolean first = true;
        if (!r.gaps().isEmpty()) {
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("kind", "gap");
            props.put("indicator", id);
            props.put("description", gapDescription);
            props.put("area_m2", r.denominator() - r.numerator());
            feature(json, sb, props, r.gaps());
            first = false;
        }
        for (Finding f : r.findings()) {
            if (f.geometry() == null || f.geometry().isEmpty()) {
                continue;
            }
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("kind", f.kind());
            props.put("featureId", f.featureId());
            props.put("area_m2", f.area());
            props.putAll(f.details());
            if (!first) {
                sb.append(',');
            }
            feature(json, sb, props, f.geometry());
            first = false;
        }
        return sb.append("]}").toString();
    }

    private static void feature(ObjectMapper json, StringBuilder sb, Map<String, Object> props, Geometry g) {
        sb.append("{\"type\":\"Feature\",\"properties\":").append(json.writeValueAsString(props))
                .append(",\"geometry\":").append(GeoJson.write(g, FeatureRepository.DECIMALS)).append('}');
    }
}
