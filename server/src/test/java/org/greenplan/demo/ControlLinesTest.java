package org.greenplan.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.greenplan.demo.DemoTownFixture.TOWN;
import static org.greenplan.demo.DemoTownFixture.intProp;
import static org.greenplan.demo.DemoTownFixture.layer;
import static org.greenplan.demo.DemoTownFixture.numProp;
import static org.greenplan.demo.DemoTownFixture.text;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

class ControlLinesTest {

    private static final Geometry BOUNDARY = DemoTownFixture.single(Layer.TOWN_DEVELOPMENT_BOUNDARY);
    private static final Geometry RED = DemoTownFixture.union(Layer.ECOLOGICAL_RED_LINE);
    private static final Geometry FARMLAND = DemoTownFixture.union(Layer.PERMANENT_FARMLAND);

    @Test
    void builtUpAreaIsASlightlySmallerPartOfTheBoundary() {
        Geometry builtUp = DemoTownFixture.single(Layer.BUILT_UP_AREA);
        assertThat(builtUp.difference(BOUNDARY).getArea()).isLessThan(1);
        assertThat(builtUp.getArea() / BOUNDARY.getArea()).isBetween(0.8, 0.99);
    }

    @Test
    void redLinesLieOutsideTheBoundary() {
        assertThat(layer(Layer.ECOLOGICAL_RED_LINE).stream().map(f -> text(f, "type")).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("山体", "水域", "湿地");
        assertThat(RED.intersection(BOUNDARY).getArea()).isLessThan(1);
        // the river is protected where it leaves town, so the corridor and the water overlap
        Geometry corridor = layer(Layer.ECOLOGICAL_RED_LINE).stream().filter(f -> "水域".equals(text(f, "type")))
                .findFirst().orElseThrow().metres();
        assertThat(corridor.difference(TOWN.river).getArea()).isLessThan(1);
    }

    @Test
    void farmlandIsOutsideTheBoundaryAndClearOfRedLines() {
        assertThat(FARMLAND.getArea()).isGreaterThan(1_000_000);
        assertThat(FARMLAND.intersection(BOUNDARY).getArea()).isLessThan(1);
        assertThat(FARMLAND.intersection(RED).getArea()).isLessThan(1);
        for (DemoFeature f : layer(Layer.PERMANENT_FARMLAND)) {
            assertThat(intProp(f, "grade")).isBetween(1, 5);
        }
    }

    @Test
    void villagesAndTheirHousingLieOutsideTheBoundary() {
        Set<String> conflictIds = TOWN.conflicts.stream().map(TownTile.Conflict::id).collect(Collectors.toSet());
        List<DemoFeature> villages = layer(Layer.CONSTRUCTION_LAND).stream()
                .filter(f -> "village".equals(text(f, "land_use")) && !conflictIds.contains(f.id())).toList();
        assertThat(villages).hasSizeGreaterThanOrEqualTo(3);
        for (DemoFeature v : villages) {
            assertThat(v.metres().intersects(BOUNDARY)).as(v.id()).isFalse();
        }
        long villageHousing = layer(Layer.RESIDENTIAL).stream().filter(p -> !p.metres().intersects(BOUNDARY)).count();
        assertThat(villageHousing).isGreaterThanOrEqualTo(3);
    }

    @Test
    void onlyTheDeliberateConflictsBreakControlLines() {
        Set<String> overlapping = layer(Layer.CONSTRUCTION_LAND).stream()
                .filter(f -> f.metres().intersection(FARMLAND).getArea() > 1 || f.metres().intersection(RED).getArea() > 1)
                .map(DemoFeature::id).collect(Collectors.toSet());
        Set<String> outside = layer(Layer.CONSTRUCTION_LAND).stream()
                .filter(f -> !"village".equals(text(f, "land_use")))
                .filter(f -> f.metres().difference(BOUNDARY).getArea() > 1)
                .map(DemoFeature::id).collect(Collectors.toSet());
        Set<String> listedOverlaps = TOWN.conflicts.stream().filter(c -> c.breach().startsWith("overlaps"))
                .map(TownTile.Conflict::id).collect(Collectors.toSet());
        Set<String> listedOutside = TOWN.conflicts.stream().filter(c -> c.breach().startsWith("outside"))
                .map(TownTile.Conflict::id).collect(Collectors.toSet());
        assertThat(listedOverlaps).hasSizeBetween(2, 3);
        assertThat(listedOutside).hasSizeBetween(1, 2);
        assertThat(overlapping).isEqualTo(listedOverlaps);
        assertThat(outside).isEqualTo(listedOutside);
    }

    @Test
    void adminAreasPartitionTheTownAndAddUpItsPopulation() {
        List<DemoFeature> areas = layer(Layer.ADMIN_AREA);
        assertThat(areas).hasSizeGreaterThanOrEqualTo(4);
        double total = areas.stream().mapToDouble(a -> a.metres().getArea()).sum();
        assertThat(total).isCloseTo(TOWN.extent.getArea(), org.assertj.core.data.Offset.offset(1.0));
        assertThat(DemoTownFixture.union(Layer.ADMIN_AREA).getArea()).isCloseTo(total, org.assertj.core.data.Offset.offset(1.0));
        long people = 0;
        for (DemoFeature a : areas) {
            assertThat(text(a, "name")).matches(".+(街道|村)");
            assertThat(text(a, "code")).matches("\\d{12}");
            int inside = 0;
            for (DemoFeature p : layer(Layer.RESIDENTIAL)) {
                Coordinate c = p.metres().getCentroid().getCoordinate();
                if (a.metres().getEnvelopeInternal().contains(c) && a.metres().covers(p.metres().getCentroid())) {
                    inside += intProp(p, "population");
                }
            }
            assertThat(intProp(a, "population")).as(text(a, "name")).isEqualTo(inside);
            people += inside;
        }
        assertThat(people).isEqualTo(layer(Layer.RESIDENTIAL).stream().mapToLong(p -> intProp(p, "population")).sum());
        assertThat(areas.stream().map(a -> text(a, "name"))).anyMatch(n -> n.endsWith("街道")).anyMatch(n -> n.endsWith("村"));
    }

    @Test
    void spongeZonesCoverPartOfTheBuiltUpArea() {
        Geometry builtUp = DemoTownFixture.single(Layer.BUILT_UP_AREA);
        List<DemoFeature> zones = layer(Layer.SPONGE_ZONE);
        assertThat(zones).hasSizeBetween(5, 10);
        double covered = 0;
        for (DemoFeature z : zones) {
            assertThat(z.metres().difference(builtUp).getArea()).isLessThan(1);
            assertThat(numProp(z, "runoff_control_rate")).isBetween(0.70, 0.86);
            covered += z.metres().getArea();
        }
        assertThat(covered / builtUp.getArea()).isBetween(0.2, 0.95);
        assertThat(zones).anyMatch(z -> numProp(z, "runoff_control_rate") < 0.75)
                .anyMatch(z -> numProp(z, "runoff_control_rate") >= 0.75);
    }

    @Test
    void greenwaysRunAlongTheRiverAndStreetsAtThreeLevels() {
        List<DemoFeature> greenways = layer(Layer.GREENWAY);
        assertThat(greenways.stream().map(g -> text(g, "level")).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("区域级", "城市级", "社区级");
        for (DemoFeature g : greenways) {
            assertThat(g.metres().getGeometryType()).isIn("LineString", "MultiLineString");
            if (!"社区级".equals(text(g, "level"))) {
                assertThat(g.metres().distance(TOWN.river)).isLessThan(60);
            }
        }
    }
}
