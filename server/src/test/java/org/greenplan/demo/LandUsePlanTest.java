package org.greenplan.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.greenplan.demo.DemoTownFixture.intProp;
import static org.greenplan.demo.DemoTownFixture.layer;
import static org.greenplan.demo.DemoTownFixture.text;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.index.strtree.STRtree;

class LandUsePlanTest {

    private static final List<DemoFeature> PARCELS = layer(Layer.RESIDENTIAL);
    private static final List<DemoFeature> PARKS = layer(Layer.PARK);
    private static final List<DemoFeature> FACILITIES = layer(Layer.FACILITY);

    @Test
    void aboutAThousandParcelsAtPlausibleDensity() {
        assertThat(PARCELS).hasSizeBetween(800, 1_300);
        for (DemoFeature p : PARCELS) {
            double ha = p.metres().getArea() / 10_000;
            int population = intProp(p, "population");
            assertThat(population / ha).as(p.id()).isBetween(145.0, 295.0);
            assertThat(intProp(p, "households")).as(p.id()).isCloseTo((int) Math.round(population / 2.8), org.assertj.core.data.Offset.offset(1));
            assertThat(text(p, "land_use_code")).isIn("070101", "070102", "070103");
            assertThat(text(p, "name")).isNotBlank();
        }
    }

    @Test
    void parcelsAreSetBackFromStreetCentreLines() {
        STRtree streets = new STRtree();
        for (DemoFeature r : layer(Layer.ROAD)) {
            if (!"footway".equals(text(r, "class")) && intProp(r, "layer") == 0) {
                streets.insert(r.metres().getEnvelopeInternal(), r.metres());
            }
        }
        for (DemoFeature p : PARCELS) {
            org.locationtech.jts.geom.Envelope e = p.metres().getEnvelopeInternal();
            e.expandBy(10);
            for (Object o : streets.query(e)) {
                assertThat(((Geometry) o).distance(p.metres())).as(p.id()).isGreaterThanOrEqualTo(5.0);
            }
        }
    }

    @Test
    void parksNeverOverlapHousingOrFacilities() {
        Geometry housing = DemoTownFixture.union(Layer.RESIDENTIAL);
        for (DemoFeature park : PARKS) {
            assertThat(park.metres().intersection(housing).getArea()).as(park.id()).isLessThan(0.01);
            for (DemoFeature f : FACILITIES) {
                assertThat(park.metres().intersects(f.metres())).as(f.id() + " in " + park.id()).isFalse();
            }
        }
    }

    @Test
    void parkSizesStraddleTheCoverageThresholds() {
        List<Double> areas = PARKS.stream().map(p -> p.metres().getArea()).sorted().toList();
        assertThat(areas.get(0)).isLessThan(400);
        assertThat(areas.get(areas.size() - 1)).isGreaterThan(90_000);
        assertThat(areas).anyMatch(a -> a > 1_900 && a < 2_000).anyMatch(a -> a > 2_000 && a < 2_100)
                .anyMatch(a -> a > 4_800 && a < 5_000).anyMatch(a -> a > 5_000 && a < 5_200);
        for (DemoFeature p : PARKS) {
            assertThat(intProp(p, "area_m2")).isEqualTo((int) Math.round(p.metres().getArea()));
        }
        assertThat(PARKS.stream().map(p -> text(p, "class")).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("综合公园", "社区公园", "游园", "口袋公园");
    }

    @Test
    void facilitiesSpanTwelveCategoriesAndLeaveGaps() {
        Set<String> categories = FACILITIES.stream().map(f -> text(f, "category")).collect(Collectors.toSet());
        assertThat(categories).hasSizeGreaterThanOrEqualTo(12);
        Geometry housing = DemoTownFixture.union(Layer.RESIDENTIAL);
        for (DemoFeature f : FACILITIES) {
            assertThat(housing.contains(f.metres())).as(f.id() + " inside a parcel").isFalse();
        }
        // a realistic gap map: for scarce categories a good share of parcels has none within 500 m / 1 km
        assertThat(shareBeyond("community_health_center", 1_000)).isBetween(0.05, 0.95);
        assertThat(shareBeyond("elderly_care", 500)).isBetween(0.05, 0.95);
        assertThat(shareBeyond("kindergarten", 300)).isBetween(0.05, 0.95);
        assertThat(shareBeyond("bus_stop", 500)).isLessThan(0.5);
    }

    private static double shareBeyond(String category, double metres) {
        List<Point> sites = FACILITIES.stream().filter(f -> category.equals(text(f, "category")))
                .map(f -> (Point) f.metres()).toList();
        long beyond = PARCELS.stream().filter(p -> sites.stream().noneMatch(s -> s.distance(p.metres()) <= metres)).count();
        return beyond / (double) PARCELS.size();
    }
}
