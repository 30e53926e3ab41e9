package org.greenplan.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;

/**
 * {@link BandArea} against areas worked out by hand: a street band across a square parcel is a straight strip, a disc
 * inside it a regular 32-gon, two bands of one street in two walks one strip, a hole takes its own share. Each case
 * also checks the traced polygon ({@link BandArea#polygonInAll}) has the measured area. Tolerance 1e-9 m² (the traced
 * polygon's own area, in zone coordinates, 1e-6 m²).
 */
class BandAreaTest {

    private static final int Q = 8;
    private static final double R = 50;

    /** A 100 m square parcel at 500 km / 3,000 km in a zone. */
    private static Geometry square() throws Exception {
        return wkt("POLYGON ((500000 3000000, 500100 3000000, 500100 3000100, 500000 3000100, 500000 3000000))");
    }

    private static Geometry wkt(String text) throws Exception {
        return new WKTReader(WalkGraph.METRES).read(text);
    }

    /** The street (x0, y0)–(x1, y1) in zone metres as a band of the parcel's measure (its local coordinates). */
    private static BandArea.Shape street(BandArea area, double x0, double y0, double x1, double y1, int order) {
        return BandArea.capsule(x0 - area.originX, y0 - area.originY, x1 - area.originX, y1 - area.originY, R, Q, order);
    }

    private static double measured(BandArea area, List<List<BandArea.Shape>> bands) {
        double a = area.areaInAll(bands);
        Geometry traced = area.polygonInAll(bands, WalkGraph.METRES);
        assertThat(traced).as("traced").isNotNull();
        // the polygon is in zone coordinates (500 km, 3,000 km): its area rounds at ~1e-8 m²
        assertThat(traced.getArea()).as("traced polygon's area").isCloseTo(a, within(1e-6));
        return a;
    }

    @Test
    void aStreetAlongTheParcelServesAStripOfTheWalkOff() throws Exception {
        BandArea area = new BandArea(square());
        BandArea.Shape south = street(area, 499000, 3000000, 501000, 3000000, 0);
        BandArea.Shape north = street(area, 499000, 3000100, 501000, 3000100, 1);
        assertThat(measured(area, List.of(List.of(south)))).isCloseTo(100 * 50, within(1e-9));
        // both streets in one walk: all of it; each in its own walk, met: only the line between, no area
        assertThat(measured(area, List.of(List.of(south, north)))).isCloseTo(100 * 100, within(1e-9));
        assertThat(area.areaInAll(List.of(List.of(south), List.of(north)))).isCloseTo(0, within(1e-9));
    }

    @Test
    void oneStreetReachedByTwoWalksCountsOnce() throws Exception {
        BandArea area = new BandArea(square());
        // the same band as two objects (two walks' parts), and the same object in both
        BandArea.Shape a = street(area, 500030, 2999990, 500070, 2999990, 0);
        BandArea.Shape b = street(area, 500030, 2999990, 500070, 2999990, 1);
        double alone = measured(area, List.of(List.of(a)));
        // the band's own JTS polygon met with the square (an independent overlay)
        Geometry band = WalkGraph.METRES.createLineString(new org.locationtech.jts.geom.Coordinate[] {
                new org.locationtech.jts.geom.Coordinate(500030, 2999990),
                new org.locationtech.jts.geom.Coordinate(500070, 2999990)}).buffer(R, Q);
        assertThat(alone).isCloseTo(band.intersection(square()).getArea(), within(1e-6));
        assertThat(measured(area, List.of(List.of(a), List.of(b)))).isCloseTo(alone, within(1e-9));
        assertThat(measured(area, List.of(List.of(b), List.of(a)))).isCloseTo(alone, within(1e-9));
        assertThat(measured(area, List.of(List.of(a), List.of(a, b)))).isCloseTo(alone, within(1e-9));
    }

    @Test
    void aDiscInsideIsARegular32Gon() throws Exception {
        BandArea area = new BandArea(square());
        BandArea.Shape disc = BandArea.disc(50, 50, 30, Q, 0);
        assertThat(measured(area, List.of(List.of(disc)))).isCloseTo(16 * 30 * 30 * Math.sin(2 * Math.PI / 32),
                within(1e-9));
    }

    @Test
    void aHoleAndANonConvexParcelKeepTheirShare() throws Exception {
        Geometry holed = wkt("POLYGON ((500000 3000000, 500100 3000000, 500100 3000100, 500000 3000100, 500000 3000000),"
                + " (500040 3000040, 500040 3000060, 500060 3000060, 500060 3000040, 500040 3000040))");
        BandArea area = new BandArea(holed);
        BandArea.Shape south = street(area, 499000, 3000000, 501000, 3000000, 0);
        assertThat(measured(area, List.of(List.of(south)))).isCloseTo(5000 - 20 * 10, within(1e-9));
        // an L: the square without its north-east quarter; the band of a street along x = 100 serves x ≥ 50
        Geometry l = wkt("POLYGON ((500000 3000000, 500100 3000000, 500100 3000050, 500050 3000050, 500050 3000100,"
                + " 500000 3000100, 500000 3000000))");
        BandArea el = new BandArea(l);
        BandArea.Shape east = street(el, 500100, 2999000, 500100, 3001000, 0);
        assertThat(measured(el, List.of(List.of(east)))).isCloseTo(50 * 50, within(1e-9));
    }
}
