package org.greenplan.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.greenplan.demo.DemoTownFixture.intProp;
import static org.greenplan.demo.DemoTownFixture.layer;
import static org.greenplan.demo.DemoTownFixture.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.index.strtree.STRtree;

class StreetGridTest {

    private static final List<DemoFeature> ROADS = layer(Layer.ROAD);

    private static LineString line(DemoFeature f) {
        return (LineString) f.metres();
    }

    private static boolean isEnd(LineString l, Coordinate c) {
        return l.getCoordinateN(0).equals2D(c) || l.getCoordinateN(l.getNumPoints() - 1).equals2D(c);
    }

    @Test
    void segmentsMeetOnlyAtSharedEndNodesUnlessOnDifferentLayers() {
        STRtree index = new STRtree();
        for (int k = 0; k < ROADS.size(); k++) {
            index.insert(ROADS.get(k).metres().getEnvelopeInternal(), k);
        }
        List<String> bad = new ArrayList<>();
        for (int a = 0; a < ROADS.size(); a++) {
            LineString la = line(ROADS.get(a));
            for (Object o : index.query(la.getEnvelopeInternal())) {
                int b = (Integer) o;
                if (b <= a || intProp(ROADS.get(a), "layer") != intProp(ROADS.get(b), "layer")) {
                    continue;
                }
                LineString lb = line(ROADS.get(b));
                Geometry x = la.intersection(lb);
                for (Coordinate c : x.getCoordinates()) {
                    if (!isEnd(la, c) || !isEnd(lb, c)) {
                        bad.add(ROADS.get(a).id() + " x " + ROADS.get(b).id() + " at " + c);
                    }
                }
            }
        }
        assertThat(bad).isEmpty();
    }

    @Test
    void aboutFiveThousandSegmentsIncludingFootpaths() {
        assertThat(ROADS).hasSizeBetween(4_300, 6_000);
        long footways = ROADS.stream().filter(f -> "footway".equals(text(f, "class"))).count();
        assertThat(footways).isGreaterThan(300);
        assertThat(ROADS.stream().map(f -> text(f, "class")).distinct())
                .contains("primary", "secondary", "branch", "footway", "path");
    }

    @Test
    void streetBlocksMeasureEightyToOneHundredTwentyMetres() {
        double[] lengths = ROADS.stream()
                .filter(f -> Set.of("primary", "secondary", "branch", "path").contains(text(f, "class")))
                .filter(f -> intProp(f, "layer") == 0)
                .mapToDouble(f -> f.metres().getLength()).sorted().toArray();
        assertThat(lengths[0]).isGreaterThan(78);
        assertThat(lengths[lengths.length - 1]).isLessThan(122);
        assertThat(lengths[lengths.length / 2]).isBetween(95.0, 105.0);
    }

    @Test
    void streetsCrossTheRiverOnlyOnBridges() {
        Geometry river = DemoTownFixture.TOWN.river;
        assertThat(river).isNotNull();
        int bridges = 0;
        for (DemoFeature f : ROADS) {
            if (f.metres().intersects(river)) {
                assertThat(text(f, "bridge")).as(f.id()).isEqualTo("yes");
                assertThat(intProp(f, "layer")).isGreaterThanOrEqualTo(1);
                bridges++;
            }
        }
        assertThat(bridges).isBetween(2, 6);
    }

    @Test
    void viaductPassesOverStreetsWithoutJoiningThem() {
        DemoFeature viaduct = ROADS.stream().filter(f -> text(f, "name").endsWith("高架路")).findFirst().orElseThrow();
        assertThat(text(viaduct, "class")).isEqualTo("primary");
        assertThat(intProp(viaduct, "layer")).isGreaterThanOrEqualTo(1);
        LineString v = line(viaduct);
        Set<Coordinate> vertices = new HashSet<>(Arrays.asList(v.getCoordinates()));
        int crossed = 0;
        for (DemoFeature f : ROADS) {
            if (f == viaduct || intProp(f, "layer") != 0 || !f.metres().intersects(v)) {
                continue;
            }
            LineString s = line(f);
            if (isEnd(v, s.getCoordinateN(0)) || isEnd(v, s.getCoordinateN(s.getNumPoints() - 1))) {
                continue; // the ramps at either end
            }
            crossed++;
            for (Coordinate c : s.getCoordinates()) {
                assertThat(vertices).as("street %s shares a vertex with the viaduct", f.id()).doesNotContain(c);
            }
        }
        assertThat(crossed).isGreaterThan(10);
    }

    @Test
    void networkIsOneConnectedWhole() {
        assertThat(largestComponentShare(ROADS)).isGreaterThan(0.97);
    }

    @Test
    void neighbouringTownsJoinAtSharedBorderNodes() {
        CityLayout city = new CityLayout(42, 4);
        TownTile west = TownTile.build(city, 0, 0);
        TownTile east = TownTile.build(city, 1, 0);
        double border = city.tile(1, 0).getMinX();
        Set<Coordinate> westEnds = new HashSet<>();
        for (DemoFeature f : west.layers.get(Layer.ROAD)) {
            for (Coordinate c : f.metres().getCoordinates()) {
                if (Math.abs(c.x - border) < 40) {
                    westEnds.add(c);
                }
            }
        }
        long shared = east.layers.get(Layer.ROAD).stream()
                .flatMap(f -> Arrays.stream(f.metres().getCoordinates())).filter(westEnds::contains).distinct().count();
        assertThat(shared).isGreaterThanOrEqualTo(8);
        List<DemoFeature> both = new ArrayList<>(west.layers.get(Layer.ROAD));
        both.addAll(east.layers.get(Layer.ROAD));
        assertThat(largestComponentShare(both)).isGreaterThan(0.97);
    }

    @Test
    void aScaleThatFillsWholeRowsGivesThatManyTowns() {
        // the province of 20 towns: 5 columns × 4 rows; squares as before; anything else the nearest square
        CityLayout twenty = new CityLayout(42, 20);
        assertThat(new int[] {twenty.columns, twenty.rows}).containsExactly(5, 4);
        CityLayout four = new CityLayout(42, 4);
        assertThat(new int[] {four.columns, four.rows}).containsExactly(2, 2);
        CityLayout five = new CityLayout(42, 5);
        assertThat(new int[] {five.columns, five.rows}).containsExactly(2, 2);
        // the city spans five tiles west to east and four south to north
        assertThat(twenty.tile(4, 3).getMaxY() - twenty.tile(0, 0).getMinY()).isEqualTo(4 * CityLayout.TILE);
        assertThat(twenty.tile(4, 3).getMaxX() - twenty.tile(0, 0).getMinX()).isEqualTo(5 * CityLayout.TILE);
    }

    /** Share of segments in the largest set joined through identical end coordinates. */
    static double largestComponentShare(List<DemoFeature> roads) {
        Map<Coordinate, Integer> nodeIds = new HashMap<>();
        int[] parent = new int[roads.size() * 2 + 2];
        for (int k = 0; k < parent.length; k++) {
            parent[k] = k;
        }
        int[] endA = new int[roads.size()];
        for (int k = 0; k < roads.size(); k++) {
            LineString l = (LineString) roads.get(k).metres();
            int a = nodeIds.computeIfAbsent(l.getCoordinateN(0), c -> nodeIds.size());
            int b = nodeIds.computeIfAbsent(l.getCoordinateN(l.getNumPoints() - 1), c -> nodeIds.size());
            endA[k] = a;
            union(parent, a, b);
        }
        Map<Integer, Integer> sizes = new HashMap<>();
        for (int k = 0; k < roads.size(); k++) {
            sizes.merge(find(parent, endA[k]), 1, Integer::sum);
        }
        return sizes.values().stream().mapToInt(Integer::intValue).max().orElse(0) / (double) roads.size();
    }

    private static int find(int[] p, int x) {
        while (p[x] != x) {
            p[x] = p[p[x]];
            x = p[x];
        }
        return x;
    }

    private static void union(int[] p, int a, int b) {
        p[find(p, a)] = find(p, b);
    }
}
