package org.greenplan.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.greenplan.geo.Feature;
import org.greenplan.indicator.ParcelStreets;
import org.greenplan.indicator.WalkedGround;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/**
 * The walked ground asked parcel by parcel ({@link FacilityReach#walkedGround}: the streets reached, each parcel
 * met with the buffer of its own nearby streets) serves every parcel the same area as the same walk's street
 * buffers unioned as polygons ({@link FacilityReach#servedGround}, the isochrones' and the siting's form), on the
 * demo town and on real OSM extracts, for a near (300 m) and a far (1000 m) reach. Independent in what matters:
 * the reference never looks for a parcel's streets; it unions every buffer the walk made and clips.
 *
 * <p>Both forms are the union of each reached street segment's own buffer (round caps, 8 segments per quarter
 * circle) and the doors' discs, so they agree to rounding: per parcel within 1e-6 m² + 1e-9 of the parcel. The
 * parcel-by-parcel form is checked twice: its polygon against the unioned polygons, and its measure
 * ({@link ParcelStreets#areaServedByAll}, Green's theorem over the shapes' edges, no polygon built) against its
 * polygon — alone and met with the other walk's part (the life circle's levels: identical segment bands in both
 * walks must count once). Seen failing: with JTS's input simplification left on in one form (0.1 % of the land
 * apart), with round joins at bends in one form (before both buffered segments alone: up to 50 m² per junction),
 * and with the measured shapes one segment per quarter circle finer than the polygons'.
 */
class WalkedGroundEqualsItsPolygonsTest {

    @ParameterizedTest
    @CsvSource({"demo,kindergarten", "demo,community_health_center", "beijing_haidian_tsinghua,amenity=school",
            "shenzhen_longgang_dayun,amenity=school", "monaco,amenity=pharmacy"})
    void everyParcelGetsTheAreaOfThePolygons(String area, String category) throws IOException {
        TestNetworks.AreaLayers input = TestNetworks.areaLayers(area);
        WalkGraph g = new WalkGraphBuilder().build(input.roads());
        List<Feature> facilities = input.facilities().stream()
                .filter(f -> category.equals(f.text("category"))).toList();
        assertThat(facilities).as(area + " " + category + " facilities").isNotEmpty();
        List<Double> distances = List.of(300.0, 1000.0);
        FacilityReach reach = new FacilityReach(g);
        Map<Double, List<Geometry>> polygons = reach.servedGround(facilities, distances);
        Map<Double, WalkedGround> walked = reach.walkedGround(facilities, distances);
        List<Geometry> parcels = input.parcels().stream().map(p -> g.zone().toMetres(p.geometry()))
                .filter(p -> p.getArea() > 0 && p.isValid()).toList();
        for (double d : distances) {
            Geometry union = UnaryUnionOp.union(polygons.get(d));
            STRtree parts = new STRtree();
            for (int i = 0; i < union.getNumGeometries(); i++) {
                parts.insert(union.getGeometryN(i).getEnvelopeInternal(),
                        PreparedGeometryFactory.prepare(union.getGeometryN(i)));
            }
            double sumPolygons = 0, sumWalked = 0, worst = 0, total = 0;
            List<String> off = new ArrayList<>();
            List<String> unmeasured = new ArrayList<>();
            for (Geometry p : parcels) {
                double reference = 0;
                for (Object o : parts.query(p.getEnvelopeInternal())) {
                    PreparedGeometry part = (PreparedGeometry) o;
                    if (part.intersects(p)) {
                        reference += OverlayNGRobust.overlay(p, part.getGeometry(), OverlayNG.INTERSECTION).getArea();
                    }
                }
                NearStreets streets = (NearStreets) reach.streetsNear(p);
                ParcelStreets.Part part = walked.get(d).part(p, streets);
                double ours = part.geometry().getArea();
                // the measure of the part (BandArea, no polygon built) is the area of its polygon
                double measured = streets.areaServedByAll(List.of(part));
                if (Math.abs(measured - ours) > 1e-6 + 1e-9 * p.getArea()) {
                    unmeasured.add(String.format(Locale.ROOT, "measured %.9f m², its polygon %.9f m² (parcel of %.0f m²)",
                            measured, ours, p.getArea()));
                }
                if (d == distances.get(1)) { // both walks: met parcel by parcel, measured and as polygons
                    ParcelStreets.Part near = walked.get(distances.get(0)).part(p, streets);
                    Geometry a = near.geometry(), b = part.geometry();
                    double both = a.isEmpty() || b.isEmpty() ? 0 : a == p ? b.getArea() : b == p ? a.getArea()
                            : OverlayNGRobust.overlay(a, b, OverlayNG.INTERSECTION).getArea();
                    double measuredBoth = streets.areaServedByAll(List.of(near, part));
                    if (Math.abs(measuredBoth - both) > 1e-6 + 1e-9 * p.getArea()) {
                        unmeasured.add(String.format(Locale.ROOT, "both walks: measured %.9f m², polygons %.9f m² "
                                + "(parcel of %.0f m²)", measuredBoth, both, p.getArea()));
                    }
                }
                sumPolygons += reference;
                sumWalked += ours;
                total += p.getArea();
                double diff = Math.abs(ours - reference);
                worst = Math.max(worst, diff);
                if (diff > 1e-6 + 1e-9 * p.getArea()) {
                    off.add(String.format(Locale.ROOT, "%.9f m² walked vs %.9f m² polygons (parcel of %.0f m²)", ours,
                            reference, p.getArea()));
                }
            }
            System.out.printf(Locale.ROOT, "[walked ground per parcel] %s %s within %.0f m: %.4f %% as polygons, %.4f %% "
                    + "parcel by parcel, worst parcel %.2e m², %d parcels%n", area, category, d,
                    100 * sumPolygons / total, 100 * sumWalked / total, worst, parcels.size());
            assertThat(sumPolygons).as("the walk reaches some land").isGreaterThan(0);
            assertThat(off).as(area + " " + category + " within " + d + " m").isEmpty();
            assertThat(unmeasured).as(area + " " + category + " within " + d + " m, measured against polygons").isEmpty();
            assertThat(Math.abs(sumWalked - sumPolygons)).as("in total").isLessThanOrEqualTo(1e-9 * total);
        }
    }
}
