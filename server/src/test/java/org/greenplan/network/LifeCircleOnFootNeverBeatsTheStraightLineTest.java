package org.greenplan.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.greenplan.geo.Feature;
import org.greenplan.indicator.Finding;
import org.greenplan.indicator.IndicatorResult;
import org.greenplan.indicator.Layers;
import org.greenplan.indicator.LifeCircleCoverage;
import org.greenplan.indicator.LifeCircleLevels;
import org.greenplan.indicator.Measure;
import org.greenplan.kind.LayerKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Walking distance is never shorter than the straight line, so life-circle coverage on foot
 * ({@code mode=network}: the part of each parcel a walker from the facilities reaches, {@link FacilityReach}) is
 * never above the straight-line coverage ({@code mode=euclidean}: the part within the distance of a facility as
 * the crow flies), per parcel and in total, on every level, on the demo town and on every real OSM extract of
 * the shared data folder (residential areas and buildings as parcels). Network mode used to count a whole parcel
 * once any point of its boundary was reached.
 *
 * <p>The requirement table names the demo's categories and the extracts' OSM tags side by side, so both have
 * facilities to walk from. Per parcel, the m² meeting the main level are read from the findings (a parcel without
 * a finding meets every level everywhere); slack 0.2 % of the parcel: the straight-line discs are polygons 0.16 %
 * short of their circle, while a walker's ground reaches the circle itself.
 */
class LifeCircleOnFootNeverBeatsTheStraightLineTest {

    private static final String TABLE = """
            5min,kindergarten|amenity=kindergarten,幼儿园
            5min,bus_stop|highway=bus_stop,公交车站
            10min,primary_school|amenity=school,小学
            10min,vegetable_market|supermarket|shop=supermarket|shop=convenience|amenity=marketplace,菜市场或生鲜超市
            15min,middle_school|amenity=school,初中
            15min,community_health_center|pharmacy|amenity=clinic|amenity=hospital|amenity=pharmacy,卫生
            """;

    @ParameterizedTest
    @CsvSource({"demo", "beijing_haidian_tsinghua", "beijing_haidian_xueyuanlu", "shenzhen_longgang_dayun", "andorra",
            "monaco"})
    void lifeCircleOnFootStaysInsideTheStraightLine(String area) throws IOException {
        TestNetworks.AreaLayers input = TestNetworks.areaLayers(area);
        List<Feature> roads = input.roads(), facilities = input.facilities(), parcels = input.parcels();
        List<Feature> numbered = new ArrayList<>(); // unique ids: findings are matched to parcels by id
        for (int i = 0; i < parcels.size(); i++) {
            numbered.add(new Feature("p" + i, parcels.get(i).geometry(), parcels.get(i).attributes()));
        }
        WalkGraph g = new WalkGraphBuilder().build(roads);
        LifeCircleLevels table = LifeCircleLevels.read(new ByteArrayInputStream(TABLE.getBytes(StandardCharsets.UTF_8)));
        Layers layers = Layers.builder().add(LayerKind.RESIDENTIAL, numbered).add(LayerKind.FACILITY, facilities)
                .network(new GraphWalkingNetwork(g, EdgeSnapper.DEFAULT_MAX_SNAP_METRES, "test roads")).build();

        // one run per mode: every level's totals are measures, the main level (15 min) is checked per parcel
        IndicatorResult foot = new LifeCircleCoverage(Map.of("mode", "network"), table).compute(layers);
        IndicatorResult crow = new LifeCircleCoverage(Map.of("mode", "euclidean"), table).compute(layers);
        Map<String, Double> footById = covered(foot), crowById = covered(crow);
        List<String> beaten = new ArrayList<>();
        for (Feature p : numbered) {
            double a = g.zone().toMetres(p.geometry()).getArea();
            double onFoot = footById.getOrDefault(p.id(), a), straight = crowById.getOrDefault(p.id(), a);
            if (onFoot > straight + 0.002 * a + 0.01) {
                beaten.add(String.format(Locale.ROOT, "%s: %.2f m² on foot > %.2f m² straight (of %.0f)", p.id(),
                        onFoot, straight, a));
            }
        }
        assertThat(beaten).as(area + ": parcels covered more on foot than in a straight line").isEmpty();
        assertThat(foot.denominator()).isEqualTo(crow.denominator());
        for (String level : LifeCircleLevels.LEVELS) {
            Measure f = foot.measure("all." + level).orElseThrow(), c = crow.measure("all." + level).orElseThrow();
            System.out.printf(Locale.ROOT, "[walking vs straight line] %s life circle %s: %.2f %% on foot, %.2f %% "
                    + "straight line, %d parcels%n", area, level, f.value(), c.value(), numbered.size());
            assertThat(f.numerator()).as(area + " " + level + ": total on foot vs straight line")
                    .isLessThanOrEqualTo(c.numerator() + 0.002 * c.denominator());
        }
    }

    /** m² meeting the main level per parcel that has a finding (the others meet it everywhere). */
    private static Map<String, Double> covered(IndicatorResult r) {
        Map<String, Double> out = new HashMap<>();
        for (Finding f : r.findings()) {
            out.put(f.featureId(), ((Number) f.details().get(LifeCircleCoverage.COVERED_DETAIL)).doubleValue());
        }
        return out;
    }
}
