package org.greenplan.indicator;

import java.util.ArrayList;
import java.util.List;
import org.greenplan.geo.Feature;
import org.greenplan.geo.GaussKrugerZone;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Lineal;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.Puntal;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/**
 * The one place where inputs are projected: every indicator measures in the GK zone of the data's
 * centre (DESIGN.md §1), or the zone its workspace names, so areas are m² and lengths m, never degrees.
 */
final class MetricFrame {

    private final GaussKrugerZone zone;

    private MetricFrame(GaussKrugerZone zone) {
        this.zone = zone;
    }

    static MetricFrame of(Layers layers) {
        if (layers.measuringZone().isPresent()) {
            return new MetricFrame(layers.measuringZone().get());
        }
        Envelope env = layers.envelope();
        // With no features at all nothing gets measured, so any zone will do.
        return new MetricFrame(env.isNull() ? GaussKrugerZone.of(GaussKrugerZone.FIRST_ZONE) : GaussKrugerZone.forArea(env));
    }

    GaussKrugerZone zone() {
        return zone;
    }

    int epsg() {
        return zone.epsg();
    }

    /** Polygonal parts in metres, repaired when invalid; features without area are dropped. */
    List<Projected> polygons(List<Feature> features) {
        return Chunks.map(features, f -> {
            Geometry g = zone.toMetres(f.geometry());
            if (!ConvexPolygon.isValidSmallConvex(g) && !g.isValid()) {
                g = GeometryFixer.fix(g);
            }
            g = keep(g, Polygonal.class);
            return !g.isEmpty() && g.getArea() > 0 ? new Projected(f, g) : null;
        });
    }

    List<Projected> lines(List<Feature> features) {
        return keepAll(features, Lineal.class);
    }

    List<Projected> points(List<Feature> features) {
        return keepAll(features, Puntal.class);
    }

    Geometry toLonLat(Geometry metres) {
        return zone.toLonLat(metres);
    }

    /** Dissolves polygons so overlaps count once; an empty polygon when there are none. */
    static Geometry union(List<Projected> features) {
        if (features.isEmpty()) {
            return EMPTY_FACTORY.createPolygon();
        }
        return UnaryUnionOp.union(features.stream().map(Projected::metres).toList());
    }

    static Geometry emptyPolygon() {
        return EMPTY_FACTORY.createPolygon();
    }

    private static final GeometryFactory EMPTY_FACTORY = org.greenplan.geo.GeoJson.WGS84;

    private List<Projected> keepAll(List<Feature> features, Class<?> type) {
        return Chunks.map(features, f -> {
            Geometry g = keep(zone.toMetres(f.geometry()), type);
            return g.isEmpty() ? null : new Projected(f, g);
        });
    }

    /** The parts of the given dimension, so a stray point in a polygon layer cannot break an overlay. */
    private static Geometry keep(Geometry g, Class<?> type) {
        if (type.isInstance(g)) {
            return g;
        }
        List<Geometry> parts = new ArrayList<>();
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Geometry part = g.getGeometryN(i);
            if (part != g && part.getNumGeometries() > 1) {
                parts.add(keep(part, type));
            } else if (type.isInstance(part)) {
                parts.add(part);
            }
        }
        return g.getFactory().buildGeometry(parts);
    }
}
