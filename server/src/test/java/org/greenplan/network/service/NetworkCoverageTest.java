package org.greenplan.network.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.greenplan.ServerTestSupport;
import org.greenplan.geo.GeoJson;
import org.greenplan.indicator.LifeCircleLevels;
import org.greenplan.network.LifeCircleResult;
import org.greenplan.network.ParkCoverage;
import org.greenplan.network.ParkCoverageResult;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.springframework.beans.factory.annotation.Autowired;

/** The network-mode service the indicator API calls, on the demo town in the real database. */
class NetworkCoverageTest extends ServerTestSupport {

    private static final List<String> DEMO = List.of("demo-road", "demo-facility", "demo-residential", "demo-park");

    @Autowired
    NetworkCoverage coverage;

    @Test
    void lifeCircleOnTheDemoTown() {
        NetworkCoverage.Outcome<LifeCircleResult> o = coverage.lifeCircle("demo", null, DEMO,
                NetworkCoverage.LifeCircleParams.defaults());
        LifeCircleResult r = o.result();
        assertThat(o.parcels()).hasSize(r.parcels().size()).hasSizeGreaterThan(1000);
        assertThat(o.layers()).extracting(NetworkCoverage.LayerUse::layerId)
                .containsExactly("demo-road", "demo-facility", "demo-residential");
        assertThat(r.levels()).extracting(LifeCircleResult.LevelCoverage::level).containsExactly("5min", "10min", "15min");
        assertThat(r.levels()).extracting(LifeCircleResult.LevelCoverage::thresholdMetres)
                .containsExactly(300.0, 500.0, 1000.0);
        for (LifeCircleResult.LevelCoverage l : r.levels()) {
            assertThat(l.areaShare()).isBetween(0.0, 1.0);
            // reaching every requirement is never more common than reaching any one of them
            for (LifeCircleResult.CategoryCoverage c : l.categories()) {
                assertThat(c.areaShare()).isGreaterThanOrEqualTo(l.areaShare() - 1e-12);
            }
        }
        LifeCircleResult.LevelCoverage ten = r.levels().get(1);
        assertThat(ten.required()).contains("vegetable_market|supermarket");
        // either alternative satisfies the requirement: at least as good as each category on its own
        double either = ten.categories().stream().filter(c -> c.category().equals("vegetable_market|supermarket"))
                .findFirst().orElseThrow().areaShare();
        assertThat(either).isGreaterThan(0);
        System.out.printf("[network coverage] demo life circle: %s (%d ms)%n", r.levels().stream()
                .map(l -> l.level() + " " + Math.round(1000 * l.areaShare()) / 10.0 + "%").toList(), o.millis());
    }

    @Test
    void anEmptyCategoryCoversNothingAndIsReported() throws Exception {
        LifeCircleLevels table = LifeCircleLevels.read(new ByteArrayInputStream("""
                5min,kindergarten,幼儿园
                5min,observatory,天文台
                """.getBytes(StandardCharsets.UTF_8)));
        var o = coverage.lifeCircle("demo", null, DEMO, new NetworkCoverage.LifeCircleParams(Map.of("5min", 400.0),
                Double.NaN, table, List.of("5min")));
        LifeCircleResult.LevelCoverage l = o.result().levels().get(0);
        assertThat(l.thresholdMetres()).isEqualTo(400.0);
        assertThat(l.areaShare()).isZero();
        assertThat(l.categories()).extracting(LifeCircleResult.CategoryCoverage::category)
                .containsExactly("kindergarten", "observatory");
        assertThat(l.categories().get(0).areaShare()).isGreaterThan(0);
        assertThat(l.categories().get(1).areaShare()).isZero();
    }

    @Test
    void anAreaOfInterestLimitsTheParcels() {
        var all = coverage.lifeCircle("demo", null, DEMO, NetworkCoverage.LifeCircleParams.defaults());
        var centre = GeoJson.WGS84.toGeometry(new Envelope(119.94, 119.96, 30.39, 30.41));
        var some = coverage.lifeCircle("demo", centre, DEMO, NetworkCoverage.LifeCircleParams.defaults());
        assertThat(some.parcels().size()).isPositive().isLessThan(all.parcels().size());
        assertThat(some.parcels()).allMatch(p -> p.geometry().intersects(centre));
    }

    @Test
    void parkCoverageOnTheDemoTown() {
        NetworkCoverage.Outcome<ParkCoverageResult> o = coverage.parkCoverage("demo", null, DEMO, ParkCoverage.Radii.defaults());
        ParkCoverageResult r = o.result();
        assertThat(r.qualifyingParks()).isPositive();
        assertThat(r.areaShare()).isBetween(0.0, 1.0);
        assertThat(o.layers()).extracting(NetworkCoverage.LayerUse::layerId)
                .containsExactly("demo-road", "demo-park", "demo-residential");
        System.out.printf("[network coverage] demo park coverage %.1f%% of residential area, %d of %d parks qualify (%d ms)%n",
                100 * r.areaShare(), r.qualifyingParks(), r.parks(), o.millis());
    }

    @Test
    void noRoadLayerIsAClearError() {
        assertThat(coverage.available("demo", DEMO)).isTrue();
        assertThat(coverage.available("demo", List.of("demo-park"))).isFalse();
        assertThatThrownBy(() -> coverage.parkCoverage("demo", null, List.of("demo-park", "demo-residential"),
                ParkCoverage.Radii.defaults())).isInstanceOf(NetworkRequestException.class)
                .hasMessageContaining("road layer").extracting("field").isEqualTo("layers");
    }
}
