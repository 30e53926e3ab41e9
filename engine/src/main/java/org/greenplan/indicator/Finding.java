package org.greenplan.indicator;

import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/**
 * One located item behind a result: a conflicting piece of construction land, a parcel missing
 * life-circle facilities. {@code kind} says which (e.g. {@code construction_in_red_line}), {@code area}
 * is in m² (0 when not areal), {@code geometry} is lon/lat or null, {@code details} holds plain values
 * (String, Number, Boolean, List of those).
 */
public record Finding(String kind, String featureId, double area, Geometry geometry, Map<String, Object> details) {

    public Finding {
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
