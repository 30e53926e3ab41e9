package org.greenplan.indicator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.junit.jupiter.api.Test;

/**
 * The vertex test must give exactly the prepared-geometry predicates' answers: checked against JTS on
 * random parcels around convex polygons (quadrilaterals and park buffers, either orientation), including
 * parcels sharing an edge or a corner with the polygon, where covers and containsProperly differ.
 */
class ConvexPolygonTest {

    private static final GeometryFactory GF = new GeometryFactory();

    @Test
    void agreesWithPreparedCoversAndContainsProperlyOnRandomParcels() {
        SplittableRandom random = new SplittableRandom(11);
        int inside = 0, properlyInside = 0, onBoundary = 0;
        for (int shape = 0; shape < 60; shape++) {
            Geometry polygon = switch (shape % 3) {
                case 0 -> quad(random, false);
                case 1 -> quad(random, true).reverse(); // clockwise ring
                default -> quad(random, false).buffer(20 + 300 * random.nextDouble(), 16);
            };
            ConvexPolygon convex = ConvexPolygon.of(polygon);
            assertThat(convex).as("convex polygon %s", polygon).isNotNull();
            PreparedGeometry prepared = PreparedGeometryFactory.prepare(polygon);
            Coordinate[] ring = polygon.getCoordinates();
            for (int k = 0; k < 400; k++) {
                Geometry parcel = k % 4 == 0 ? sharingAnEdge(ring, random) : parcelNear(polygon, random);
                boolean covers = prepared.covers(parcel), proper = prepared.containsProperly(parcel);
                assertThat(convex.covers(parcel)).as("covers %s", parcel).isEqualTo(covers);
                assertThat(convex.containsProperly(parcel)).as("containsProperly %s", parcel).isEqualTo(proper);
                inside += covers ? 1 : 0;
                properlyInside += proper ? 1 : 0;
                onBoundary += covers && !proper ? 1 : 0;
            }
        }
        // the random cases must reach every answer, or the comparison proves little
        assertThat(properlyInside).isGreaterThan(1000);
        assertThat(onBoundary).isGreaterThan(200);
        assertThat(24_000 - inside).isGreaterThan(1000);
    }

    @Test
    void smallConvexShortcutNeverCallsAnInvalidPolygonValid() {
        SplittableRandom random = new SplittableRandom(5);
        int shortcut = 0, invalid = 0;
        for (int k = 0; k < 20_000; k++) {
            // four random corners in a 10 m square: convex quads, reflex ones, bow-ties, slivers, in either orientation
            Coordinate[] cs = new Coordinate[5];
            for (int i = 0; i < 4; i++) {
                cs[i] = c(500_000 + Math.floor(random.nextDouble() * 40) / 4, 3_300_000 + Math.floor(random.nextDouble() * 40) / 4);
            }
            cs[4] = cs[0];
            Geometry quad = k % 2 == 0 ? GF.createPolygon(cs) : GF.createMultiPolygon(new org.locationtech.jts.geom.Polygon[] {GF.createPolygon(cs)});
            boolean valid = quad.isValid();
            if (ConvexPolygon.isValidSmallConvex(quad)) {
                shortcut++;
                assertThat(valid).as("shortcut called %s valid", quad).isTrue();
            }
            invalid += valid ? 0 : 1;
        }
        assertThat(shortcut).isGreaterThan(2000);
        assertThat(invalid).isGreaterThan(2000);
        Geometry withNaN = GF.createPolygon(new Coordinate[] {c(0, 0), c(10, 0), c(10, Double.NaN), c(0, 10), c(0, 0)});
        assertThat(ConvexPolygon.isValidSmallConvex(withNaN)).isFalse();
        Geometry pentagon = GF.createPolygon(new Coordinate[] {c(0, 0), c(10, 0), c(12, 5), c(5, 10), c(-2, 5), c(0, 0)});
        assertThat(ConvexPolygon.isValidSmallConvex(pentagon)).as("more than four corners: the general check decides").isFalse();
    }

    @Test
    void refusesWhatIsNotStrictlyConvex() {
        Geometry lShape = GF.createPolygon(new Coordinate[] {c(0, 0), c(20, 0), c(20, 10), c(10, 10), c(10, 20), c(0, 20), c(0, 0)});
        Geometry collinear = GF.createPolygon(new Coordinate[] {c(0, 0), c(10, 0), c(20, 0), c(20, 20), c(0, 20), c(0, 0)});
        Geometry withHole = GF.createPolygon(GF.createLinearRing(new Coordinate[] {c(0, 0), c(30, 0), c(30, 30), c(0, 30), c(0, 0)}),
                new org.locationtech.jts.geom.LinearRing[] {
                    GF.createLinearRing(new Coordinate[] {c(10, 10), c(20, 10), c(20, 20), c(10, 20), c(10, 10)})});
        assertThat(ConvexPolygon.of(lShape)).isNull();
        assertThat(ConvexPolygon.of(collinear)).isNull();
        assertThat(ConvexPolygon.of(withHole)).isNull();
        assertThat(ConvexPolygon.of(GF.createMultiPolygon())).isNull();
    }

    /** A convex quadrilateral: four points at increasing angles around a centre, in metres of a GK zone. */
    private static Geometry quad(SplittableRandom r, boolean big) {
        double cx = 500_000 + r.nextDouble() * 1000, cy = 3_300_000 + r.nextDouble() * 1000;
        double size = big ? 2000 : 300;
        Coordinate[] cs = new Coordinate[5];
        double a0 = r.nextDouble() * Math.PI / 2;
        for (int i = 0; i < 4; i++) {
            double a = a0 + i * Math.PI / 2 + (r.nextDouble() - 0.5) * 0.6;
            double rad = size * (0.6 + 0.4 * r.nextDouble());
            cs[i] = c(cx + rad * Math.cos(a), cy + rad * Math.sin(a));
        }
        cs[4] = cs[0];
        return GF.createPolygon(cs);
    }

    /** A small quadrilateral parcel somewhere in or around the polygon's envelope. */
    private static Geometry parcelNear(Geometry polygon, SplittableRandom r) {
        var e = polygon.getEnvelopeInternal();
        double x = e.getMinX() - 50 + r.nextDouble() * (e.getWidth() + 100);
        double y = e.getMinY() - 50 + r.nextDouble() * (e.getHeight() + 100);
        double w = 5 + r.nextDouble() * 80, h = 5 + r.nextDouble() * 80;
        return GF.createPolygon(new Coordinate[] {c(x, y), c(x + w, y + h * 0.1), c(x + w * 0.9, y + h), c(x - w * 0.1, y + h * 0.9), c(x, y)});
    }

    /**
     * A triangle on a stretch of one polygon edge, pointing inwards or outwards; its base ends are the edge's
     * corners or points computed on the edge (a rounding off it either way: the predicates must still agree).
     */
    private static Geometry sharingAnEdge(Coordinate[] ring, SplittableRandom r) {
        int i = r.nextInt(ring.length - 1);
        Coordinate a = ring[i], b = ring[i + 1];
        double t0 = r.nextDouble() * 0.4, t1 = 0.6 + r.nextDouble() * 0.4;
        Coordinate p = r.nextInt(3) == 0 ? a : c(a.x + t0 * (b.x - a.x), a.y + t0 * (b.y - a.y));
        Coordinate q = r.nextInt(3) == 0 ? b : c(a.x + t1 * (b.x - a.x), a.y + t1 * (b.y - a.y)); // sometimes to the corner
        double side = r.nextBoolean() ? 1 : -1, len = 0.2 * p.distance(q);
        double nx = -(b.y - a.y) / a.distance(b), ny = (b.x - a.x) / a.distance(b);
        Coordinate apex = c((p.x + q.x) / 2 + side * len * nx, (p.y + q.y) / 2 + side * len * ny);
        return GF.createPolygon(new Coordinate[] {p, q, apex, p});
    }

    private static Coordinate c(double x, double y) {
        return new Coordinate(x, y);
    }
}
