package org.greenplan.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.greenplan.geo.Feature;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/**
 * Walking distance is never shorter than the straight line, so the part of a parcel a walker reaches within a
 * park's radius ({@link ParkCoverage}) must lie inside the park's straight-line buffer of that radius: per
 * parcel and in total, on the demo town and on every real OSM extract of the shared data folder (their
 * residential areas and, as in {@link PgRoutingCrossCheckTest}, their buildings as parcels).
 *
 * <p>The straight-line reference is computed here on its own: parcel ∩ the union of the qualifying parks'
 * buffers (2021 城市体检 radii), each buffer drawn 0.5 m wider with 64 segments per quarter circle so that it
 * contains the true circle (a polygon buffer is inscribed in it). Network coverage used to count a whole
 * parcel once any point of its boundary was reached, which broke this on the Dayun estates (64.7 % on foot
 * against 43.6 % in a straight line).
 */
class WalkingNeverBeatsTheStraightLineTest {

    @ParameterizedTest
    @CsvSource({"demo", "beijing_haidian_tsinghua", "beijing_haidian_xueyuanlu", "shenzhen_longgang_dayun", "andorra",
            "monaco"})
    void parkCoverageOnFootStaysInsideTheStraightLineBuffer(String area) throws IOException {
        TestNetworks.AreaLayers layers = TestNetworks.areaLayers(area);
        List<Feature> roads = layers.roads(), parks = layers.parks(), parcels = layers.parcels();
        WalkGraph g = new WalkGraphBuilder().build(roads);
        ParkCoverage.Radii radii = ParkCoverage.Radii.defaults();
        ParkCoverageResult walked = new ParkCoverage(g).radii(radii).evaluate(parks, parcels);

        List<Geometry> buffers = new ArrayList<>();
        for (Feature p : parks) {
            Geometry m = g.zone().toMetres(p.geometry());
            double r = radii.radiusOf(m.getArea(), false);
            if (!Double.isNaN(r)) {
                buffers.add(m.buffer(r + 0.5, 64));
            }
        }
        Geometry buffer = UnaryUnionOp.union(buffers);
        double total = 0, straight = 0, onFoot = 0;
        List<String> beaten = new ArrayList<>();
        for (int i = 0; i < parcels.size(); i++) {
            Geometry parcel = g.zone().toMetres(parcels.get(i).geometry());
            double a = parcel.getArea();
            double crow = buffer == null || buffer.isEmpty() ? 0 : parcel.intersection(buffer).getArea();
            double foot = walked.parcels().get(i).coveredM2();
            total += a;
            straight += crow;
            onFoot += foot;
            if (foot > crow + 1e-6 * a + 0.01) {
                beaten.add(String.format(Locale.ROOT, "parcel %d (%s): %.2f m² on foot > %.2f m² straight (of %.0f)",
                        i, parcels.get(i).id(), foot, crow, a));
            }
        }
        System.out.printf(Locale.ROOT, "[walking vs straight line] %s park coverage: %.2f %% on foot, %.2f %% straight "
                + "line, %d parcels, %d qualifying parks%n", area, 100 * onFoot / total, 100 * straight / total,
                parcels.size(), walked.qualifyingParks());
        assertThat(beaten).as(area + ": parcels covered more on foot than in a straight line").isEmpty();
        assertThat(onFoot).as(area + ": total on foot vs straight line").isLessThanOrEqualTo(straight);
        assertThat(walked.areaCoveredM2()).isCloseTo(onFoot, org.assertj.core.api.Assertions.within(1e-6 * total));
    }
}
