package org.greenplan.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.greenplan.kind.LayerKind;
import org.junit.jupiter.api.Test;

/**
 * Whole PNG tiles from hand-made vector tiles, against Java2D's drawing of the same geometry with the same
 * style (antialiased, stroke-normalised, round caps and joins as Leaflet draws): the reference the renderer
 * used before its strokes got a rasterizer of their own.
 */
class TileRendererTest {

    private static final TileRenderer RENDERER = new TileRenderer(TileRepository.EXTENT);

    /** A street-like network: 120 random walks of 12 steps (1–6 px, turning up to 45°) in tile units. */
    private static List<int[]> streets(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<int[]> lines = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            int[] xy = new int[26];
            double x = random.nextInt(-256, 4352);
            double y = random.nextInt(-256, 4352);
            double heading = random.nextDouble(2 * Math.PI);
            for (int k = 0; k < 13; k++) {
                xy[2 * k] = (int) Math.round(x);
                xy[2 * k + 1] = (int) Math.round(y);
                double step = 16 * random.nextDouble(1, 6);
                heading += random.nextDouble(-Math.PI / 4, Math.PI / 4);
                x += step * Math.cos(heading);
                y += step * Math.sin(heading);
            }
            lines.add(xy);
        }
        // and a dense block: 40 parallel streets 1.25–2.5 px apart, crossed by 40 more
        int at = 1000;
        for (int i = 0; i < 40; i++) {
            at += i % 2 == 0 ? 20 : 40;
            lines.add(new int[] {1000, at, 3000, at});
            lines.add(new int[] {at, 1000, at, 3000});
        }
        return lines;
    }

    /** The lines as MVT LINESTRING features (or POLYGON rings when {@code rings}). */
    private static byte[] mvt(List<int[]> lines, boolean rings) {
        MvtBytes tile = new MvtBytes();
        for (int[] xy : lines) {
            int n = xy.length / 2 - (rings ? 1 : 0); // a ring's last vertex repeats its first: ClosePath instead
            List<Integer> c = new ArrayList<>();
            c.add(MvtBytes.command(1, 1));
            c.add(MvtBytes.zigzag(xy[0]));
            c.add(MvtBytes.zigzag(xy[1]));
            c.add(MvtBytes.command(2, n - 1));
            for (int k = 1; k < n; k++) {
                c.add(MvtBytes.zigzag(xy[2 * k] - xy[2 * k - 2]));
                c.add(MvtBytes.zigzag(xy[2 * k + 1] - xy[2 * k - 1]));
            }
            if (rings) {
                c.add(MvtBytes.command(7, 1));
            }
            tile.feature(rings ? 3 : 2, c.stream().mapToInt(Integer::intValue).toArray());
        }
        return tile.tile();
    }

    /** What Java2D draws for the same lines: one path, filled (rings) then stroked, in the style's colours. */
    private static BufferedImage java2d(List<int[]> lines, boolean rings, LayerKind.Style style) {
        Path2D.Double path = new Path2D.Double(Path2D.WIND_NON_ZERO);
        for (int[] xy : lines) {
            path.moveTo(xy[0] / 16.0, xy[1] / 16.0);
            for (int k = 1; k < xy.length / 2; k++) {
                path.lineTo(xy[2 * k] / 16.0, xy[2 * k + 1] / 16.0);
            }
        }
        BufferedImage image = new BufferedImage(256, 256, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_NORMALIZE);
        if (rings) {
            g.setColor(TileRenderer.color(style.fillColor(), style.fillOpacity()));
            g.fill(path);
        }
        g.setColor(TileRenderer.color(style.color(), 1));
        g.setStroke(new BasicStroke((float) style.weight(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(path);
        g.dispose();
        return image;
    }

    private record Difference(double ink, double referenceInk, double meanAlpha, double meanColour, int over64) {
    }

    private static Difference compare(BufferedImage ours, BufferedImage reference) {
        double ink = 0;
        double referenceInk = 0;
        double alpha = 0;
        double colour = 0;
        int inked = 0;
        int over64 = 0;
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                int p = ours.getRGB(x, y);
                int q = reference.getRGB(x, y);
                int pa = p >>> 24;
                int qa = q >>> 24;
                ink += pa / 255.0;
                referenceInk += qa / 255.0;
                if (pa == 0 && qa == 0) {
                    continue;
                }
                inked++;
                alpha += Math.abs(pa - qa) / 255.0;
                over64 += Math.abs(pa - qa) > 64 ? 1 : 0;
                if (pa > 0 && qa > 0) { // premultiplied channels: what the pixel adds to the map
                    for (int shift = 0; shift <= 16; shift += 8) {
                        colour += Math.abs(((p >> shift) & 255) * pa - ((q >> shift) & 255) * qa) / 255.0 / 255.0 / 3;
                    }
                }
            }
        }
        return new Difference(ink, referenceInk, alpha / inked, colour / inked, over64);
    }

    private static BufferedImage png(byte[] png) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    @Test
    void roadsMatchJava2dWithinAFewPercentOfInk() throws Exception {
        LayerKind.Style style = LayerKind.ROAD.style();
        assertThat(TileRenderer.solid(style)).as("roads are drawn by the rasterizer").isTrue();
        for (long seed = 1; seed <= 3; seed++) {
            List<int[]> lines = streets(seed);
            Difference d = compare(png(RENDERER.render(mvt(lines, false), style)), java2d(lines, false, style));
            // measured: ink within 0.1%, mean |Δ alpha| 0.011 over the inked pixels, at most one pixel off by more
            // than 64/255
            assertThat(d.ink()).isCloseTo(d.referenceInk(), within(0.02 * d.referenceInk()));
            assertThat(d.meanAlpha()).isLessThan(0.03);
            assertThat(d.over64()).isLessThanOrEqualTo(10);
        }
    }

    @Test
    void parcelsFillAndOutlineLikeJava2d() throws Exception {
        SplittableRandom random = new SplittableRandom(5);
        List<int[]> rings = new ArrayList<>();
        for (int i = 0; i < 150; i++) { // axis-aligned and slanted quadrilaterals, 4–40 px across
            int x = random.nextInt(-200, 4200);
            int y = random.nextInt(-200, 4200);
            int w = random.nextInt(64, 640);
            int h = random.nextInt(64, 640);
            int skew = i % 3 == 0 ? random.nextInt(-200, 200) : 0;
            rings.add(new int[] {x, y, x + w, y + skew, x + w + skew, y + h + skew, x + skew, y + h, x, y});
        }
        // measured: ink within 0.1%, mean |Δ alpha| 0.002 and |Δ colour| 0.001 over the inked pixels, 3 pixels off
        // by more than 64/255
        assertParcelsLikeJava2d(rings);
    }

    /** Parcels drawn in the residential style: within 2% of Java2D's ink, and 1% per inked pixel on average. */
    private static void assertParcelsLikeJava2d(List<int[]> rings) throws Exception {
        LayerKind.Style style = LayerKind.RESIDENTIAL.style();
        Difference d = compare(png(RENDERER.render(mvt(rings, true), style)), java2d(rings, true, style));
        assertThat(d.ink()).isCloseTo(d.referenceInk(), within(0.02 * d.referenceInk()));
        assertThat(d.meanAlpha()).isLessThan(0.01);
        assertThat(d.meanColour()).isLessThan(0.01);
        assertThat(d.over64()).isLessThanOrEqualTo(10);
    }

    @Test
    void neighbouringParcelsDrawTheirSharedEdgesOnce() throws Exception {
        // a slanted grid of 12 × 9 px parcels, each its own ring: every inner edge is drawn by two rings
        List<int[]> rings = new ArrayList<>();
        for (int i = 0; i < 18; i++) {
            for (int j = 0; j < 24; j++) {
                int x = 160 + i * 192 + j * 53;
                int y = 160 + j * 144 + i * 27;
                rings.add(new int[] {x, y, x + 192, y + 27, x + 245, y + 171, x + 53, y + 144, x, y});
            }
        }
        // measured: ink within 0.1%, mean |Δ alpha| 0.002 over the inked pixels, none off by more than 64/255;
        // adding up both rings' coverages as independent ones put the ink over 2% off (the outlines 30% heavier)
        assertParcelsLikeJava2d(rings);
    }

    @Test
    void pointsAreCirclesOfTheKindsRadiusEachOfThem() throws Exception {
        LayerKind.Style style = LayerKind.FACILITY.style();
        // a MultiPoint of three and a Point: (800, 800), (1600, 960), (2400, 3200); (3600, 400) in tile units
        byte[] tile = new MvtBytes()
                .feature(1, MvtBytes.command(1, 3), MvtBytes.zigzag(800), MvtBytes.zigzag(800), MvtBytes.zigzag(800),
                        MvtBytes.zigzag(160), MvtBytes.zigzag(800), MvtBytes.zigzag(2240))
                .feature(1, MvtBytes.command(1, 1), MvtBytes.zigzag(3600), MvtBytes.zigzag(400)).tile();
        BufferedImage ours = png(RENDERER.render(tile, style));
        BufferedImage reference = java2dCircles(style, new double[][] {{50, 50}, {100, 60}, {150, 200}, {225, 25}});
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                assertThat(ours.getRGB(x, y)).as("pixel %d,%d", x, y).isEqualTo(reference.getRGB(x, y));
            }
        }
        for (int[] centre : new int[][] {{50, 50}, {100, 60}, {150, 200}, {225, 25}}) {
            assertThat(ours.getRGB(centre[0], centre[1]) >>> 24).as("a circle at %d,%d", centre[0], centre[1])
                    .isCloseTo(230, within(2)); // fill opacity 0.9
        }
    }

    @Test
    void dashedOutlinesAreJava2dsOwn() throws Exception {
        LayerKind.Style style = LayerKind.TOWN_DEVELOPMENT_BOUNDARY.style(); // 3 px, dashed "8 6", no fill
        assertThat(TileRenderer.solid(style)).isFalse();
        List<int[]> rings = List.of(new int[] {300, 400, 3500, 700, 3000, 3900, 500, 3300, 300, 400});
        BufferedImage ours = png(RENDERER.render(mvt(rings, true), style));
        BufferedImage reference = new BufferedImage(256, 256, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = reference.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_NORMALIZE);
        g.setColor(new Color(0xc6, 0x28, 0x28));
        g.setStroke(new BasicStroke(3f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {8, 6}, 0));
        Path2D.Double ring = new Path2D.Double();
        ring.moveTo(300 / 16.0, 400 / 16.0);
        ring.lineTo(3500 / 16.0, 700 / 16.0);
        ring.lineTo(3000 / 16.0, 3900 / 16.0);
        ring.lineTo(500 / 16.0, 3300 / 16.0);
        ring.closePath();
        g.draw(ring);
        g.dispose();
        int inked = 0;
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                assertThat(ours.getRGB(x, y)).as("pixel %d,%d", x, y).isEqualTo(reference.getRGB(x, y));
                inked += reference.getRGB(x, y) >>> 24 > 0 ? 1 : 0;
            }
        }
        assertThat(inked).as("the dashes drawn at all").isGreaterThan(1000);
    }

    @Test
    void crowdedPointsBlendLikeJava2dDrawingEachCircle() throws Exception {
        // 700 facilities in one tile, as a z 12 tile of the scale-100 city holds: most circles overlap others, some
        // straddle the tile's edges (the 16 px buffer) or lie on the same spot
        LayerKind.Style style = LayerKind.FACILITY.style();
        SplittableRandom random = new SplittableRandom(7);
        int[][] points = new int[700][];
        for (int i = 0; i < points.length; i++) {
            points[i] = i % 50 == 49 ? points[i - 1].clone()
                    : new int[] {random.nextInt(-256, 4352), random.nextInt(-256, 4352)};
        }
        MvtBytes tile = new MvtBytes();
        for (int[] p : points) {
            tile.feature(1, MvtBytes.command(1, 1), MvtBytes.zigzag(p[0]), MvtBytes.zigzag(p[1]));
        }
        BufferedImage ours = png(RENDERER.render(tile.tile(), style));
        // the reference: Java2D's fill and outline of every circle, one after the other, as the renderer drew before
        double[][] centres = new double[points.length][];
        for (int i = 0; i < points.length; i++) {
            centres[i] = new double[] {points[i][0] / 16.0, points[i][1] / 16.0};
        }
        BufferedImage reference = java2dCircles(style, centres);
        int worst = 0;
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                int p = ours.getRGB(x, y);
                int q = reference.getRGB(x, y);
                int d = 0;
                for (int shift = 0; shift <= 24; shift += 8) {
                    d = Math.max(d, Math.abs(((p >>> shift) & 255) - ((q >>> shift) & 255)));
                }
                worst = Math.max(worst, d);
            }
        }
        // blending a finished circle instead of its fill and outline in turn: 8-bit rounding apart, the same pixels
        // (measured: at most 4 of 255 in a channel; copying the circles instead of blending them: 223)
        assertThat(worst).as("largest difference of a channel, 0–255").isLessThanOrEqualTo(4);
    }

    /** Java2D's own drawing of the style's circles at the centres (pixels): filled, then outlined, one after another. */
    private static BufferedImage java2dCircles(LayerKind.Style style, double[][] centres) {
        BufferedImage image = new BufferedImage(256, 256, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_NORMALIZE);
        g.setStroke(new BasicStroke((float) style.weight()));
        double r = style.radius();
        for (double[] p : centres) {
            var circle = new java.awt.geom.Ellipse2D.Double(p[0] - r, p[1] - r, 2 * r, 2 * r);
            g.setColor(TileRenderer.color(style.fillColor(), style.fillOpacity()));
            g.fill(circle);
            g.setColor(TileRenderer.color(style.color(), 1));
            g.draw(circle);
        }
        g.dispose();
        return image;
    }
}
