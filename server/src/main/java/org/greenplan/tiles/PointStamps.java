package org.greenplan.tiles;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import org.greenplan.kind.LayerKind;

/**
 * A point style's circle, drawn once by Java2D at each of the 16 × 16 sixteenth-of-a-pixel positions a vector
 * tile's points can take (4,096 units over 256 px), and then copied onto a tile for every point with source-over
 * blending. Java2D drew each circle anew (fill, then outline, both antialiased): a z 12 tile of the scale-100
 * city's facilities holds ~700 of them, and they took 12 ms of a 15 ms PNG. A circle alone on a transparent
 * tile is Java2D's to the bit; where circles overlap, blending the finished circle onto what is under it gives
 * the same colour as Java2D's two steps up to 8-bit rounding. Immutable once made; shared by all threads.
 */
final class PointStamps {

    /** Positions per pixel each way: a vector tile unit is 1/16 px at the 4,096 extent. */
    static final int PHASES = 16;

    private final int size;
    /** Where the circle's centre is, in whole pixels from the stamp's corner (plus the phase). */
    private final int centre;
    /** Per phase (fy * PHASES + fx), the stamp's pixels, non-premultiplied ARGB as the tile's image holds them. */
    private final int[][] stamps = new int[PHASES * PHASES][];

    PointStamps(LayerKind.Style style, Color fill, Color stroke) {
        double r = radius(style);
        this.centre = (int) Math.ceil(r + style.weight()) + 3; // the outline's half width, antialiasing, normalising
        this.size = 2 * centre + 2;
        for (int fy = 0; fy < PHASES; fy++) {
            for (int fx = 0; fx < PHASES; fx++) {
                BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
                Graphics2D g = image.createGraphics();
                try {
                    TileRenderer.hints(g);
                    g.setComposite(AlphaComposite.SrcOver);
                    draw(g, centre + fx / (double) PHASES, centre + fy / (double) PHASES, style, fill, stroke);
                } finally {
                    g.dispose();
                }
                stamps[fy * PHASES + fx] = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
            }
        }
    }

    static double radius(LayerKind.Style style) {
        return style.radius() > 0 ? style.radius() : 4;
    }

    /** One point's circle as Java2D draws it: the fill, then its outline over it. */
    static void draw(Graphics2D g, double x, double y, LayerKind.Style style, Color fill, Color stroke) {
        double r = radius(style);
        Ellipse2D.Double circle = new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r);
        if (fill != null) {
            g.setColor(fill);
            g.fill(circle);
        }
        g.setColor(stroke);
        g.setStroke(new BasicStroke((float) style.weight()));
        g.draw(circle);
    }

    /**
     * Blends the circles of the first {@code count} points of {@code xy} (pixels, x and y pairs) onto a
     * {@code width}-wide ARGB image, in order, each rounded to the nearest sixteenth of a pixel.
     */
    void paint(int[] pixels, int width, int height, double[] xy, int count) {
        for (int i = 0; i < count; i++) {
            long sx = Math.round(xy[2 * i] * PHASES);
            long sy = Math.round(xy[2 * i + 1] * PHASES);
            int px = (int) Math.floorDiv(sx, PHASES);
            int py = (int) Math.floorDiv(sy, PHASES);
            int[] stamp = stamps[(int) Math.floorMod(sy, PHASES) * PHASES + (int) Math.floorMod(sx, PHASES)];
            int x0 = px - centre;
            int y0 = py - centre;
            int fromX = Math.max(0, -x0);
            int toX = Math.min(size, width - x0);
            int fromY = Math.max(0, -y0);
            int toY = Math.min(size, height - y0);
            for (int sy2 = fromY; sy2 < toY; sy2++) {
                int s = sy2 * size;
                int d = (y0 + sy2) * width + x0;
                for (int sx2 = fromX; sx2 < toX; sx2++) {
                    int src = stamp[s + sx2];
                    if (src != 0) {
                        pixels[d + sx2] = over(src, pixels[d + sx2]);
                    }
                }
            }
        }
    }

    /**
     * {@code src} over {@code dst}, both non-premultiplied ARGB, in 8-bit steps as Java2D's own blending loops
     * round them (premultiply, add the destination's share, divide the alpha back out).
     */
    static int over(int src, int dst) {
        int sa = src >>> 24;
        int da = dst >>> 24;
        if (sa == 255 || da == 0) {
            return src;
        }
        int df = mul8(255 - sa, da); // the destination's share of the result
        int ra = sa + df;
        int r = mul8(sa, (src >> 16) & 255) + mul8(df, (dst >> 16) & 255);
        int g = mul8(sa, (src >> 8) & 255) + mul8(df, (dst >> 8) & 255);
        int b = mul8(sa, src & 255) + mul8(df, dst & 255);
        if (ra < 255) { // back out of premultiplied: × 255 / ra, rounded, by one division per pixel instead of three
            int k = (255 << 16) / ra;
            r = (r * k + (1 << 15)) >> 16;
            g = (g * k + (1 << 15)) >> 16;
            b = (b * k + (1 << 15)) >> 16;
        }
        return ra << 24 | Math.min(255, r) << 16 | Math.min(255, g) << 8 | Math.min(255, b);
    }

    /** a × b / 255 rounded, for 8-bit a and b, without a division (equal to (a·b + 127) / 255 for every a, b). */
    private static int mul8(int a, int b) {
        int v = a * b + 128;
        return (v + (v >> 8)) >> 8;
    }
}
