package org.greenplan.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.greenplan.geo.Feature;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The real OSM extracts of /work/shared/data (ODbL, © OpenStreetMap contributors), read in place. The
 * README states the share of length in the largest connected part, computed from shared vertices only;
 * ours differs by what the walk rules drop (access=private compounds) and what noding adds.
 *
 * <p>Monaco lies outside China's Gauss-Krüger zones; it is measured on the 3-degree transverse Mercator of
 * the nearest meridian (6°E), so its kilometres are checked like Beijing's.
 */
class RealOsmExtractTest {

    @ParameterizedTest
    @CsvSource({"beijing_haidian_tsinghua, 106.0, 0.980", "monaco, 81.2, 0.989"})
    void buildsAndKeepsTheLargestPart(String area, double readmeKm, double readmeShare) throws IOException {
        Path dir = TestNetworks.sharedData();
        assumeTrue(dir != null && Files.isDirectory(dir.resolve(area)), "shared OSM data not present");
        List<Feature> roads = TestNetworks.read(dir.resolve(area).resolve("roads_walk.geojson"));
        WalkGraph g = new WalkGraphBuilder().build(roads);
        GraphStats s = g.stats();
        System.out.printf("%s: %s%n", area, s);
        assertThat(s.roadsUsed() + s.roadsNotWalkable()).isEqualTo(roads.size());
        assertThat(s.keptShareOfLength()).isCloseTo(readmeShare, within(0.04));
        if (!Double.isNaN(readmeKm)) {
            assertThat(s.totalKm() + s.droppedKm()).isCloseTo(readmeKm, within(readmeKm * 0.02));
        }

        List<Feature> facilities = TestNetworks.read(dir.resolve(area).resolve("facilities.geojson"));
        List<Feature> residential = TestNetworks.read(dir.resolve(area).resolve("residential.geojson"));
        LifeCircleResult r = new LifeCircle(g).evaluate(facilities, residential,
                Map.of("5min", List.of("highway=bus_stop"), "15min", List.of("amenity=school", "highway=bus_stop")));
        System.out.printf("%s: %d parcels, %.1f ha; %s%n", area, r.parcels().size(), r.areaM2() / 1e4, r.levels());
        assertThat(r.levels()).allSatisfy(l -> assertThat(l.areaShare()).isBetween(0.0, 1.0));

        ServiceArea iso = new Isochrone(g).from(List.of(facilities.get(0).geometry()), 1000).get(0);
        System.out.printf("%s: 1000 m isochrone %.1f ha over %d edges%n", area, iso.areaM2() / 1e4,
                iso.reachedEdges());
        assertThat(iso.areaM2()).isGreaterThan(0);
    }
}
