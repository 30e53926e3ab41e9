package org.greenplan.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.greenplan.geo.Feature;
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
 * <p>The two are the same point set drawn with 8 segments per quarter circle, and where one form joins two street
 * pieces through a junction into one line (a round join) the other may end both with round caps: there their arcs
 * differ by at most the gap between a circle of the walk-off (50 m) and its inscribed 32-gon, 50.2 m². Tolerance
 * per parcel: that gap times the junctions within the walk-off of it, + 1e-4 of the parcel + 0.01 m² (millimetre
 * slivers where one form's line passes through a point the other computes); in total, 1e-5 of the land. Seen
 * failing: with JTS's input simplification left on in one form only, 0.1 % of the land apart.
 */
class WalkedGroundEqualsItsPolygonsTest {

    /** The area between a circle of 50 m and the 32-gon inscribed in it, m². */
    private static final double CIRCLE_GAP = 50 * 50 * (Math.PI - 16 * Math.sin(2 * Math.PI / 32));

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
            for (Geometry p : parcels) {
                double reference = 0;
                for (Object o : parts.query(p.getEnvelopeInternal())) {
                    PreparedGeometry part = (PreparedGeometry) o;
                    if (part.intersects(p)) {
                        reference += OverlayNGRobust.overlay(p, part.getGeometry(), OverlayNG.INTERSECTION).getArea();
                    }
                }
                NearStreets streets = (NearStreets) reach.streetsNear(p);
                double ours = walked.get(d).overlap(p, streets).getArea();
                sumPolygons += reference;
                sumWalked += ours;
                total += p.getArea();
                double diff = Math.abs(ours - reference);
                worst = Math.max(worst, diff);
                int junctions = junctionsNear(g, streets);
                if (diff > 0.01 + 1e-4 * p.getArea() + CIRCLE_GAP * junctions) {
                    off.add(String.format(Locale.ROOT, "%.3f m² walked vs %.3f m² polygons (parcel of %.0f m², %d "
                            + "junctions near)", ours, reference, p.getArea(), junctions));
                }
            }
            System.out.printf(Locale.ROOT, "[walked ground per parcel] %s %s within %.0f m: %.4f %% as polygons, %.4f %% "
                    + "parcel by parcel, worst parcel %.2e m², %d parcels%n", area, category, d,
                    100 * sumPolygons / total, 100 * sumWalked / total, worst, parcels.size());
            assertThat(sumPolygons).as("the walk reaches some land").isGreaterThan(0);
            assertThat(off).as(area + " " + category + " within " + d + " m").isEmpty();
            assertThat(Math.abs(sumWalked - sumPolygons)).as("in total").isLessThanOrEqualTo(1e-5 * total);
        }
    }

    /** The graph's nodes within the walk-off of the parcel: where pieces meet and the two forms' arcs may differ. */
    private static int junctionsNear(WalkGraph g, NearStreets streets) {
        java.util.Set<Integer> nodes = new java.util.HashSet<>();
        for (int e : streets.edges) {
            for (int v : new int[] {g.edgeSource(e), g.edgeTarget(e)}) {
                if (streets.parcel.isWithinDistance(streets.parcel.getFactory().createPoint(g.nodeCoordinate(v)),
                        streets.walkOff)) {
                    nodes.add(v);
                }
            }
        }
        return nodes.size();
    }
}
