package org.greenplan.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The geometry decoder against the worked examples of the MVT 2.1 specification (§4.3.5), command by command. */
class VectorTileGeometryTest {

    private static List<String> read(byte[] tile) {
        List<String> out = new ArrayList<>();
        VectorTileGeometry.read(tile, new VectorTileGeometry.Sink() {
            @Override
            public void feature(int type) {
                out.add("feature " + type);
            }

            @Override
            public void moveTo(int x, int y) {
                out.add("M " + x + " " + y);
            }

            @Override
            public void lineTo(int x, int y) {
                out.add("L " + x + " " + y);
            }

            @Override
            public void closePath() {
                out.add("Z");
            }
        });
        return out;
    }

    @Test
    void theSpecificationsExamples() {
        byte[] tile = new MvtBytes()
                .feature(1, 9, 50, 34) // Point (25, 17)
                .feature(1, 17, 10, 14, 3, 9) // MultiPoint (5, 7), (3, 2)
                .feature(2, 9, 4, 4, 18, 0, 16, 16, 0) // LineString (2, 2), (2, 10), (10, 10)
                .feature(2, 9, 4, 4, 18, 0, 16, 16, 0, 9, 17, 17, 10, 4, 8) // MultiLineString + (1, 1), (3, 5)
                .feature(3, 9, 6, 12, 18, 10, 12, 24, 44, 15) // Polygon (3, 6), (8, 12), (20, 34), back to (3, 6)
                .tile();
        assertThat(read(tile)).containsExactly(
                "feature 1", "M 25 17",
                "feature 1", "M 5 7", "M 3 2",
                "feature 2", "M 2 2", "L 2 10", "L 10 10",
                "feature 2", "M 2 2", "L 2 10", "L 10 10", "M 1 1", "L 3 5",
                "feature 3", "M 3 6", "L 8 12", "L 20 34", "Z");
    }

    @Test
    void multiPolygonWithAHoleAndCoordinatesRelativeAcrossRings() {
        // the spec's MultiPolygon: (0,0) (10,0) (10,10) (0,10); (11,11) (20,11) (20,20) (11,20);
        // hole (13,13) (13,17) (17,17) (17,13). The cursor carries over from one ring to the next.
        byte[] tile = new MvtBytes().feature(3,
                9, 0, 0, 26, 20, 0, 0, 20, 19, 0, 15,
                9, 22, 2, 26, 18, 0, 0, 18, 17, 0, 15,
                9, 4, 13, 26, 0, 8, 8, 0, 0, 7, 15).tile();
        assertThat(read(tile)).containsExactly("feature 3",
                "M 0 0", "L 10 0", "L 10 10", "L 0 10", "Z",
                "M 11 11", "L 20 11", "L 20 20", "L 11 20", "Z",
                "M 13 13", "L 13 17", "L 17 17", "L 17 13", "Z");
    }

    @Test
    void theTypeMayFollowTheGeometryAndNegativeStepsDecode() {
        byte[] tile = new MvtBytes().feature(2, true, MvtBytes.command(1, 1), MvtBytes.zigzag(4000),
                MvtBytes.zigzag(-200), MvtBytes.command(2, 2), MvtBytes.zigzag(-4200), MvtBytes.zigzag(300),
                MvtBytes.zigzag(0), MvtBytes.zigzag(-356)).tile();
        assertThat(read(tile)).containsExactly("feature 2", "M 4000 -200", "L -200 100", "L -200 -256");
    }
}
