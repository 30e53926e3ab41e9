package org.greenplan.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Coverage of the distance-field strokes against values worked out by hand. */
class LineRasterizerTest {

    /** A {@code size} px canvas with one line through {@code xy} (x, y pairs, pixels) of {@code width}. */
    private static LineRasterizer line(int size, double width, double... xy) {
        LineRasterizer lines = new LineRasterizer(size, width);
        lines.moveTo(xy[0], xy[1]);
        for (int k = 2; k < xy.length; k += 2) {
            lines.lineTo(xy[k], xy[k + 1]);
        }
        return lines;
    }

    @Test
    void aHorizontalStrokeCoversItsRowWholeAndAQuarterOfEachNeighbour() {
        // 1.5 px wide along row 40 (vertices moved to pixel centres: y 40.2 → 40.5, x 20.9 → 20.5,
        // 100.1 → 100.5):
        // the stroke spans y 39.75–41.25, i.e. all of row 40 and a quarter of rows 39 and 41
        LineRasterizer lines = line(256, 1.5, 20.9, 40.2, 100.1, 40.2);
        for (int x = 21; x <= 99; x += 13) {
            assertThat(lines.coverage(x, 40)).isEqualTo(1.0);
            assertThat(lines.coverage(x, 39)).isCloseTo(0.25, within(1e-6));
            assertThat(lines.coverage(x, 41)).isCloseTo(0.25, within(1e-6));
            assertThat(lines.coverage(x, 38)).isZero();
            assertThat(lines.coverage(x, 42)).isZero();
        }
        // round caps: the end pixel is covered whole, the next one out a quarter (its centre 1 px from the end)
        assertThat(lines.coverage(100, 40)).isEqualTo(1.0);
        assertThat(lines.coverage(101, 40)).isCloseTo(0.25, within(1e-6));
        assertThat(lines.coverage(102, 40)).isZero();
    }

    @Test
    void aDiagonalStrokeInksItsAreaWidthTimesLengthPlusTheCaps() {
        // from pixel centre (30.5, 20.5) to (210.5, 160.5): length √(180² + 140²) = 228.035 px; width 2 with round
        // caps: area 2 × 228.035 + π × 1² = 459.21 px². Summed coverage samples that area at pixel centres.
        LineRasterizer lines = line(256, 2, 30, 20, 210, 160);
        double ink = 0;
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                ink += lines.coverage(x, y);
            }
        }
        double length = Math.hypot(180, 140);
        assertThat(ink).isCloseTo(2 * length + Math.PI, within(0.01 * (2 * length + Math.PI)));
        // across the middle, perpendicular to the line: the centre pixel is covered whole
        assertThat(lines.coverage(120, 90)).isEqualTo(1.0);
        assertThat(lines.coverage(40, 200)).isZero();
    }

    @Test
    void aJoinIsInkedOnceAndTwoLinesAddUpTheirSides() {
        // one line turning a right angle at (20.5, 20.5): the corner pixel is covered once, not 1 − (1 − 1)²…
        // and the pixel diagonally outside the corner, √2 px from it, gets 1.25 − √2 < 0: nothing
        LineRasterizer lines = line(64, 1.5, 5, 20, 20, 20, 20, 40);
        assertThat(lines.coverage(20, 20)).isEqualTo(1.0);
        assertThat(lines.coverage(21, 19)).isZero();
        // the pixel just outside the corner along the first leg: a quarter, as on any side of the stroke
        assertThat(lines.coverage(20, 19)).isCloseTo(0.25, within(1e-6));
        // two separate lines two rows apart (rows 50 and 52): row 51 is a quarter covered by each, from opposite
        // sides, so half covered together, as the union of the two strokes covers it
        lines.moveTo(5, 50);
        lines.lineTo(60, 50);
        lines.moveTo(5, 52);
        lines.lineTo(60, 52);
        assertThat(lines.coverage(30, 51)).isCloseTo(0.5, within(1e-6));
        assertThat(lines.coverage(30, 53)).as("the outer fringe, one line's").isCloseTo(0.25, within(1e-6));
    }

    @Test
    void anEdgeDrawnTwiceIsInkedOnce() {
        // two neighbouring parcels' rings share the slanted edge (10, 10)–(50, 40): drawn once or twice, the same
        LineRasterizer once = line(64, 1, 10, 10, 50, 40);
        LineRasterizer twice = line(64, 1, 10, 10, 50, 40);
        twice.moveTo(50, 40);
        twice.lineTo(10, 10);
        double ink = 0;
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                // up to the rounding of the sides to a byte each: a dot product within 2% of 1
                assertThat(twice.coverage(x, y)).as("pixel %d,%d", x, y).isCloseTo(once.coverage(x, y), within(0.01));
                ink += once.coverage(x, y);
            }
        }
        // and that is the stroke's area: width 1 × length 50 + the round caps, π/4
        assertThat(ink).isCloseTo(50 + Math.PI / 4, within(0.02 * 50));
    }

    @Test
    void paintingBlendsOverWhatIsThere() {
        LineRasterizer lines = line(8, 1.5, 0, 3, 8, 3);
        int[] argb = new int[64];
        argb[2 * 8 + 4] = 0x80ffffff; // white at alpha 128 under the quarter-covered row 2
        lines.paint(argb, 0x616161, 1.0);
        assertThat(argb[3 * 8 + 4]).isEqualTo(0xff616161); // covered whole, opaque colour
        assertThat(argb[4 * 8 + 1]).isEqualTo(0x40616161); // a quarter over nothing: alpha round(63.75)
        // a quarter of 0x61 over half-transparent white: alpha 0.25 + 0.502 × 0.75 = 0.6265 → 160;
        // colour (97 × 0.25 + 255 × 0.3765) / 0.6265 = 191.96 → 192
        assertThat(argb[2 * 8 + 4]).isEqualTo(160 << 24 | 192 << 16 | 192 << 8 | 192);
        assertThat(argb[0]).isZero();
    }
}
