package org.greenplan.indicator;

import java.util.EnumSet;
import java.util.Set;
import org.greenplan.geo.GeoJson;
import org.greenplan.kind.LayerKind;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * Which features an indicator run for an area reads, one rule for the server (which reads them from PostGIS)
 * and the batch job (which has them from a spatial join): the kinds of {@link IndicatorDefinition#reach()}
 * whole where they intersect the area grown by the reach, the {@link #CLIPPED} kinds cut to the area, the
 * rest whole where they intersect the area.
 */
public final class AreaInputs {

    /** Kinds measured only inside the area: clipped to it (the rest are read whole where they intersect). */
    public static final Set<LayerKind> CLIPPED = EnumSet.of(LayerKind.RESIDENTIAL, LayerKind.BUILT_UP_AREA,
            LayerKind.CONSTRUCTION_LAND, LayerKind.ADMIN_AREA, LayerKind.GREEN_SPACE, LayerKind.SPONGE_ZONE,
            LayerKind.GREENWAY, LayerKind.PARK, LayerKind.FOREST);

    private AreaInputs() {
    }

    /** The area's envelope grown by {@code metres} (generously: 1° of latitude ≥ 110.5 km). */
    public static Geometry around(Geometry area, double metres) {
        Envelope e = new Envelope(area.getEnvelopeInternal());
        double lat = Math.max(Math.abs(e.getMinY()), Math.abs(e.getMaxY()));
        double dy = metres / 110_500.0;
        double dx = metres / (111_000.0 * Math.max(0.05, Math.cos(Math.toRadians(Math.min(lat + dy, 89)))));
        e.expandBy(dx, dy);
        return GeoJson.WGS84.toGeometry(e);
    }
}
