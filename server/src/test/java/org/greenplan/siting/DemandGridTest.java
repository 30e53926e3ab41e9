package org.greenplan.siting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/** Land cut into grid pieces: areas add up exactly, and "within r" counts the part of a parcel a circle covers. */
class DemandGridTest {

    private final GeometryFactory f = new GeometryFactory();

    @Test
    void piecesAddUpToTheParcelsAndCarryTheirWeights() {
        Geometry a = f.toGeometry(new Envelope(0, 100, 0, 100));
        Geometry b = f.toGeometry(new Envelope(200, 230, 0, 70));
        DemandGrid grid = DemandGrid.cut(List.of(a, b), new double[] {1, 0.5}, 25);
        double[] byParcel = new double[2];
        for (int i = 0; i < grid.size(); i++) {
            byParcel[grid.parcel(i)] += grid.weight(i);
        }
        assertThat(byParcel[0]).isCloseTo(10_000, within(1e-6));
        assertThat(byParcel[1]).isCloseTo(0.5 * 2_100, within(1e-6));
        assertThat(Arrays.stream(grid.weights()).sum()).isCloseTo(11_050, within(1e-6));
    }

    @Test
    void aCircleCoversThePartOfAParcelItReachesToWithinACell() {
        // a 1 km × 1 km parcel and a site at its corner with r = 500 m: a quarter circle, π·500²/4 m²
        Geometry square = f.toGeometry(new Envelope(0, 1000, 0, 1000));
        DemandGrid grid = DemandGrid.cut(List.of(square), new double[] {1}, 10);
        double covered = Arrays.stream(grid.within(f.createPoint(new Coordinate(0, 0)), 500))
                .mapToDouble(grid::weight).sum();
        double exact = Math.PI * 500 * 500 / 4;
        // cells of 10 m along an arc of 785 m: the error is a fraction of 785 × 10 m²
        assertThat(covered).isCloseTo(exact, within(785 * 10 * 0.25));
    }

    @Test
    void aPolygonalSiteServesTheLandInsideItAndAroundItsEdge() {
        Geometry land = f.toGeometry(new Envelope(0, 400, 0, 400));
        DemandGrid grid = DemandGrid.cut(List.of(land), new double[] {1}, 10);
        Geometry park = f.toGeometry(new Envelope(100, 300, 100, 300));
        double covered = Arrays.stream(grid.within(park, 50)).mapToDouble(grid::weight).sum();
        // the park (200²) and a 50 m band round it with quarter circles at the corners: 300² − 4·(50² − π·50²/4)
        double exact = 300.0 * 300 - 4 * (2500 - Math.PI * 2500 / 4);
        assertThat(covered).isCloseTo(exact, within(4 * 300 * 10 * 0.25));
        assertThat(covered).isGreaterThan(200.0 * 200); // the inside counts (facet distance alone would miss it)
    }
}
