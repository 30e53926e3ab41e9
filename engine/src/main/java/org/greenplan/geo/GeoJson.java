package org.greenplan.geo;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;

/**
 * RFC 7946 GeoJSON geometry ⇄ JTS. Reading is strict and says exactly what is wrong, because its
 * messages reach the analyst who uploaded the file. Z and M values are dropped: planning layers are 2D.
 */
public final class GeoJson {

    /** SRID 4326 with floating precision: what every stored feature uses. */
    public static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

    private static final JsonFactory JSON = new JsonFactory();

    private GeoJson() {
    }

    public static Geometry read(JsonNode node) {
        return read(node, WGS84);
    }

    public static Geometry read(JsonNode node, GeometryFactory gf) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw new GeoJsonException("geometry is null");
        }
        if (!node.isObject()) {
            throw new GeoJsonException("geometry must be a JSON object");
        }
        String type = node.path("type").asString("");
        if (type.equals("GeometryCollection")) {
            JsonNode members = node.path("geometries");
            if (!members.isArray()) {
                throw new GeoJsonException("GeometryCollection needs a 'geometries' array");
            }
            List<Geometry> parts = new ArrayList<>();
            for (JsonNode m : members) {
                parts.add(read(m, gf));
            }
            return gf.createGeometryCollection(parts.toArray(Geometry[]::new));
        }
        JsonNode c = node.get("coordinates");
        if (c == null || !c.isArray()) {
            throw new GeoJsonException(type.isEmpty() ? "geometry has no 'type'" : type + " needs a 'coordinates' array");
        }
        return switch (type) {
            case "Point" -> c.isEmpty() ? gf.createPoint() : gf.createPoint(position(c));
            case "MultiPoint" -> {
                Point[] pts = new Point[c.size()];
                for (int i = 0; i < pts.length; i++) {
                    pts[i] = gf.createPoint(position(c.get(i)));
                }
                yield gf.createMultiPoint(pts);
            }
            case "LineString" -> line(c, gf);
            case "MultiLineString" -> {
                LineString[] lines = new LineString[c.size()];
                for (int i = 0; i < lines.length; i++) {
                    lines[i] = line(c.get(i), gf);
                }
                yield gf.createMultiLineString(lines);
            }
            case "Polygon" -> polygon(c, gf);
            case "MultiPolygon" -> {
                Polygon[] polys = new Polygon[c.size()];
                for (int i = 0; i < polys.length; i++) {
                    polys[i] = polygon(c.get(i), gf);
                }
                yield gf.createMultiPolygon(polys);
            }
            case "" -> throw new GeoJsonException("geometry has no 'type'");
            default -> throw new GeoJsonException("unknown geometry type '" + type + "'");
        };
    }

    private static Coordinate position(JsonNode p) {
        if (p == null || !p.isArray() || p.size() < 2) {
            throw new GeoJsonException("a position needs at least two numbers [x, y]");
        }
        JsonNode x = p.get(0);
        JsonNode y = p.get(1);
        if (!x.isNumber() || !y.isNumber()) {
            throw new GeoJsonException("position " + p + " is not numeric");
        }
        double dx = x.doubleValue();
        double dy = y.doubleValue();
        if (!Double.isFinite(dx) || !Double.isFinite(dy)) {
            throw new GeoJsonException("position " + p + " is not finite");
        }
        return new Coordinate(dx, dy);
    }

    private static Coordinate[] positions(JsonNode arr) {
        if (arr == null || !arr.isArray()) {
            throw new GeoJsonException("expected an array of positions");
        }
        Coordinate[] cs = new Coordinate[arr.size()];
        for (int i = 0; i < cs.length; i++) {
            cs[i] = position(arr.get(i));
        }
        return cs;
    }

    private static LineString line(JsonNode c, GeometryFactory gf) {
        Coordinate[] cs = positions(c);
        if (cs.length == 1) {
            throw new GeoJsonException("a LineString needs at least two positions");
        }
        return gf.createLineString(cs);
    }

    private static Polygon polygon(JsonNode c, GeometryFactory gf) {
        if (!c.isArray()) {
            throw new GeoJsonException("a Polygon needs an array of rings");
        }
        if (c.isEmpty()) {
            return gf.createPolygon();
        }
        LinearRing shell = ring(c.get(0), gf);
        LinearRing[] holes = new LinearRing[c.size() - 1];
        for (int i = 1; i < c.size(); i++) {
            holes[i - 1] = ring(c.get(i), gf);
        }
        return gf.createPolygon(shell, holes);
    }

    private static LinearRing ring(JsonNode c, GeometryFactory gf) {
        Coordinate[] cs = positions(c);
        if (cs.length < 4) {
            throw new GeoJsonException("a polygon ring needs at least four positions, got " + cs.length);
        }
        if (!cs[0].equals2D(cs[cs.length - 1])) {
            throw new GeoJsonException("a polygon ring must end where it starts");
        }
        return gf.createLinearRing(cs);
    }

    // ---------------------------------------------------------------- writing

    /** The geometry as a GeoJSON string, coordinates rounded to {@code decimals} places. */
    public static String write(Geometry g, int decimals) {
        StringWriter out = new StringWriter();
        try (JsonGenerator gen = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            write(g, gen, decimals);
        }
        return out.toString();
    }

    public static void write(Geometry g, JsonGenerator gen, int decimals) {
        double scale = Math.pow(10, decimals);
        gen.writeStartObject();
        gen.writeName("type");
        gen.writeString(g.getGeometryType());
        if (g instanceof GeometryCollection gc && !(g instanceof MultiPoint || g instanceof MultiLineString
                || g instanceof MultiPolygon)) {
            gen.writeName("geometries");
            gen.writeStartArray();
            for (int i = 0; i < gc.getNumGeometries(); i++) {
                write(gc.getGeometryN(i), gen, decimals);
            }
            gen.writeEndArray();
        } else {
            gen.writeName("coordinates");
            coordinates(g, gen, scale);
        }
        gen.writeEndObject();
    }

    private static void coordinates(Geometry g, JsonGenerator gen, double scale) {
        if (g instanceof Point p) {
            if (p.isEmpty()) {
                gen.writeStartArray();
                gen.writeEndArray();
            } else {
                position(p.getCoordinateSequence(), 0, gen, scale);
            }
        } else if (g instanceof LineString l) {
            sequence(l.getCoordinateSequence(), gen, scale);
        } else if (g instanceof Polygon p) {
            gen.writeStartArray();
            if (!p.isEmpty()) {
                sequence(p.getExteriorRing().getCoordinateSequence(), gen, scale);
                for (int i = 0; i < p.getNumInteriorRing(); i++) {
                    sequence(p.getInteriorRingN(i).getCoordinateSequence(), gen, scale);
                }
            }
            gen.writeEndArray();
        } else {
            gen.writeStartArray();
            for (int i = 0; i < g.getNumGeometries(); i++) {
                coordinates(g.getGeometryN(i), gen, scale);
            }
            gen.writeEndArray();
        }
    }

    private static void sequence(CoordinateSequence seq, JsonGenerator gen, double scale) {
        gen.writeStartArray();
        for (int i = 0; i < seq.size(); i++) {
            position(seq, i, gen, scale);
        }
        gen.writeEndArray();
    }

    private static void position(CoordinateSequence seq, int i, JsonGenerator gen, double scale) {
        gen.writeStartArray();
        gen.writeNumber(Math.round(seq.getX(i) * scale) / scale);
        gen.writeNumber(Math.round(seq.getY(i) * scale) / scale);
        gen.writeEndArray();
    }
}
