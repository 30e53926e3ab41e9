package org.greenplan.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.greenplan.geo.GeoJson;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

class ParkPlacementTest {

    /**
     * Every corner of every block with every pocket-park size: the housing left over must stay a clean
     * polygon (no near-duplicate vertices) that is still valid after unprojection and 7-decimal rounding.
     * A buffered cut once left centimetre slivers that rounding turned into self-intersections.
     */
    @Test
    void cornerParksLeaveCleanHousingShapes() {
        CityLayout city = DemoTownFixture.CITY;
        var tile = city.tile(0, 0);
        River river = new River(city, 0, tile);
        StreetGrid grid = new StreetGrid(city, 0, 0, new TownCore(city, 0, 0, tile), river);
        LandUsePlan plan = new LandUsePlan(grid);
        int checked = 0;
        for (int n = 0; n < plan.blocks.size(); n += 10) {
            Block b = plan.blocks.get(n);
            for (int k = 0; k < 4; k++) {
                for (double size : ParkPlacement.POCKET_SIZES) {
                    Geometry park = ParkPlacement.cutCorner(b, k, size);
                    assertThat(park.getArea()).isCloseTo(size, org.assertj.core.data.Offset.offset(1.0));
                    Geometry housing = b.buildable();
                    assertThat(housing.getGeometryType()).isEqualTo("Polygon");
                    assertThat(housing.intersection(park).getArea()).isLessThan(0.01);
                    Coordinate[] cs = housing.getCoordinates();
                    for (int i = 1; i < cs.length; i++) {
                        assertThat(cs[i].distance(cs[i - 1])).as("block %d,%d corner %d size %s", b.i, b.j, k, size)
                                .isGreaterThan(0.5);
                    }
                    Geometry written = GeoJson.read(tools.jackson.databind.json.JsonMapper.builder().build()
                            .readTree(GeoJson.write(CityLayout.ZONE.toLonLat(housing), LayerWriter.DECIMALS)));
                    assertThat(written.isValid()).isTrue();
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(3_000);
    }
}
