package org.greenplan.scenario;

import java.util.Set;
import java.util.TreeSet;
import org.greenplan.indicator.LifeCircleLevels;
import org.greenplan.ingest.FieldMapper;
import org.greenplan.kind.LayerKind;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.valid.IsValidOp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What an edited feature must be to go into a layer of its kind, checked before anything is stored: the kind's
 * geometry family, a valid non-empty geometry, the kind's required attributes, and for facilities a category
 * the life circle knows. Each refusal is a 400 naming the member at fault ({@code geometry},
 * {@code properties.category}, …).
 */
final class EditCheck {

    /** Facility category ids: those the file imports map labels onto, and those the life-circle table asks for. */
    static final Set<String> CATEGORIES = categories();

    private EditCheck() {
    }

    private static Set<String> categories() {
        Set<String> out = new TreeSet<>(java.util.List.of(new FieldMapper().categoryTable()[1]));
        LifeCircleLevels table = LifeCircleLevels.defaults();
        for (String level : LifeCircleLevels.LEVELS) {
            table.requirements(level).forEach(r -> out.addAll(r.categories()));
        }
        return out;
    }

    static void geometry(Geometry g, LayerKind kind) {
        if (g == null) {
            throw ScenarioException.invalid("geometry", "the feature has no geometry");
        }
        if (g.isEmpty()) {
            throw ScenarioException.invalid("geometry", "the geometry is empty");
        }
        if (!kind.geometry().accepts(g)) {
            throw ScenarioException.invalid("geometry", "a " + g.getGeometryType() + " cannot go into a "
                    + kind.geometry().label() + " layer (" + kind.label() + ")");
        }
        IsValidOp valid = new IsValidOp(g);
        if (!valid.isValid()) {
            throw ScenarioException.invalid("geometry", "the geometry is not valid: "
                    + valid.getValidationError().getMessage() + " at " + valid.getValidationError().getCoordinate());
        }
        for (var c : g.getCoordinates()) {
            if (!(Math.abs(c.x) <= 180 && Math.abs(c.y) <= 90)) {
                throw ScenarioException.invalid("geometry", "coordinates must be lon/lat (EPSG:4326), not " + c);
            }
        }
    }

    /**
     * @param inLayer categories the layer already holds, known as well (null: only the server's lists)
     */
    static void properties(ObjectNode properties, LayerKind kind, Set<String> inLayer) {
        for (String name : kind.requiredAttributes()) {
            JsonNode v = properties.get(name);
            if (v == null || v.isNull() || v.asString("").isBlank()) {
                throw ScenarioException.invalid("properties." + name, "a " + kind.label() + " needs the attribute '"
                        + name + "'");
            }
        }
        if (kind == LayerKind.FACILITY) {
            String category = properties.get("category").asString("").trim();
            if (!CATEGORIES.contains(category) && (inLayer == null || !inLayer.contains(category))) {
                Set<String> known = new TreeSet<>(CATEGORIES);
                if (inLayer != null) {
                    known.addAll(inLayer);
                }
                throw ScenarioException.invalid("properties.category", "unknown facility category '" + category
                        + "'; known: " + String.join(", ", known));
            }
        }
    }

    /** The geometry as the layer stores it: multi-part (as a published version promotes it), SRID 4326. */
    static Geometry stored(Geometry g) {
        var f = g.getFactory();
        Geometry out = g;
        if (g instanceof Polygon p) {
            out = f.createMultiPolygon(new Polygon[] {p});
        } else if (g instanceof LineString l) {
            out = f.createMultiLineString(new LineString[] {l});
        } else if (g instanceof Point p) {
            out = f.createMultiPoint(new Point[] {p});
        } else if (g instanceof GeometryCollection) {
            out = g;
        }
        out.setSRID(4326);
        return out;
    }
}
