package org.greenplan.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/**
 * Dissolving cell by cell must give what one city-wide union gives: the same area (to 1e-9 relative) and the
 * same part of any feature, on random overlapping polygons in GK-like coordinates — discs, rectangles, rings
 * with holes, and large pieces crossing many cells and their corners — at a coarse and a fine grid.
 */
class CellDissolveTest {

    private static final GeometryFactory GF = new GeometryFactory();
    private static final double X0 = 40_500_123.4, Y0 = 3_300_456.7; // not on a cell edge

    @Test
    void areaEqualsTheGlobalUnionsOnRandomOverlappingPolygons() {
        for (long seed = 1; seed <= 2; seed++) {
            List<Geometry> pieces = randomPieces(new SplittableRandom(seed), 250);
            double global = UnaryUnionOp.union(pieces).getArea();
            double sum = pieces.stream().mapToDouble(Geometry::getArea).sum();
            assertThat(sum).as("the pieces overlap (else the test proves nothing)").isGreaterThan(global * 1.2);
            for (double size : new double[] {CellDissolve.CELL_METRES, 137.0}) {
                CellDissolve cells = CellDissolve.of(pieces, size, true);
                assertThat(cells.cells().size()).as("pieces cross cells").isGreaterThan(4);
                assertThat(cells.area()).as("seed %d, cells of %.0f m", seed, size).isCloseTo(global, within(global * 1e-9));
                for (CellDissolve.Cell c : cells.cells()) {
                    assertThat(c.box().covers(c.ground().getEnvelopeInternal())).as("ground stays in its cell").isTrue();
                    assertThat(c.ground().isValid()).as("cell %d,%d ground valid", c.column(), c.row()).isTrue();
                }
            }
        }
    }

    @Test
    void aFeaturesPartInTheDissolvedIndexEqualsItsPartInTheGlobalUnion() {
        SplittableRandom random = new SplittableRandom(7);
        List<Geometry> pieces = randomPieces(random, 300);
        Geometry global = UnaryUnionOp.union(pieces);
        PolygonIndex index = PolygonIndex.dissolved(pieces);
        for (int k = 0; k < 200; k++) {
            double x = X0 + random.nextDouble(-500, 3500), y = Y0 + random.nextDouble(-500, 3500);
            double w = random.nextDouble(5, 900), h = random.nextDouble(5, 900);
            Geometry feature = GF.toGeometry(new org.locationtech.jts.geom.Envelope(x, x + w, y, y + h));
            double expected = Overlay.intersection(feature, global).getArea();
            double tol = Math.max(expected, 1) * 1e-9;
            assertThat(index.overlap(feature).getArea()).as("overlap of %s", feature).isCloseTo(expected, within(tol));
            assertThat(index.outside(feature).getArea()).as("outside of %s", feature)
                    .isCloseTo(feature.getArea() - expected, within(Math.max(feature.getArea(), 1) * 1e-9));
        }
    }

    @Test
    void aDissolvedGeometryIsCutWithoutLosingArea() {
        Geometry holed = ringWithHole(X0 + 1500, Y0 + 1500, 2600, 900);
        Geometry two = GF.createMultiPolygon(new org.locationtech.jts.geom.Polygon[] {(org.locationtech.jts.geom.Polygon) holed,
                (org.locationtech.jts.geom.Polygon) disc(X0 + 6000, Y0 + 6000, 1234)});
        CellDissolve cut = CellDissolve.cut(two, CellDissolve.CELL_METRES);
        assertThat(cut.area()).isCloseTo(two.getArea(), within(two.getArea() * 1e-9));
        assertThat(cut.cell(cut.cells().get(3).column(), cut.cells().get(3).row())).isSameAs(cut.cells().get(3));
        assertThat(cut.cell(Long.MIN_VALUE / 4, 0)).isNull();
    }

    /** Discs, rectangles, rings with holes, and a few large pieces spanning many cells across their corners. */
    private static List<Geometry> randomPieces(SplittableRandom random, int n) {
        List<Geometry> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double x = X0 + random.nextDouble(0, 3000), y = Y0 + random.nextDouble(0, 3000);
            out.add(switch (i % 5) {
                case 0 -> disc(x, y, random.nextDouble(20, 400));
                case 1 -> GF.toGeometry(new org.locationtech.jts.geom.Envelope(x, x + random.nextDouble(10, 700), y, y + random.nextDouble(10, 700)));
                case 2 -> ringWithHole(x, y, random.nextDouble(60, 500), random.nextDouble(10, 50));
                case 3 -> disc(x, y, random.nextDouble(2, 30)); // small, mostly alone in its cell
                default -> i % 50 == 4 ? ringWithHole(x, y, random.nextDouble(900, 1600), random.nextDouble(100, 800))
                        : disc(x, y, random.nextDouble(50, 150)).getEnvelope();
            });
        }
        return out;
    }

    private static Geometry disc(double x, double y, double r) {
        return GF.createPoint(new Coordinate(x, y)).buffer(r, 8);
    }

    private static Geometry ringWithHole(double x, double y, double outer, double holeRadius) {
        double inner = Math.min(holeRadius, outer / 3); // the hole stays inside the shell: a valid polygon
        LinearRing shell = (LinearRing) ((org.locationtech.jts.geom.Polygon) disc(x, y, outer)).getExteriorRing();
        LinearRing hole = (LinearRing) ((org.locationtech.jts.geom.Polygon) disc(x + inner / 3, y, inner)).getExteriorRing();
        return GF.createPolygon(shell, new LinearRing[] {hole});
    }
}
