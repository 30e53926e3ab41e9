package org.greenplan.tiles;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import org.greenplan.kind.LayerKind;

/**
 * Draws a tile's geometries (a vector tile: tile coordinates, 0–{@code extent} across, y down) into a
 * transparent 256 px PNG with a layer kind's style, the way Leaflet would draw the same GeoJSON: fill with its
 * opacity, then the outline, lines as strokes, points as circles. Fills and dashed strokes are Java2D's; solid
 * strokes are drawn by {@link LineRasterizer}, points by copying their circle ({@link PointStamps}). No Spring, no SQL.
 */
public final class TileRenderer {

    public static final int SIZE = 256;

    private final int extent;
    /** Each point style's circle, drawn once per sub-pixel position (a handful of styles, made on first use). */
    private final java.util.concurrent.ConcurrentHashMap<LayerKind.Style, PointStamps> stamps =
            new java.util.concurrent.ConcurrentHashMap<>();

    public TileRenderer(int extent) {
        this.extent = extent;
    }

    /** Draws the geometries of a vector tile ({@code mvt}: every layer, attributes ignored) as a PNG. */
    public byte[] render(byte[] mvt, LayerKind.Style style) {
        return png(draw(mvt, style));
    }

    /** The image {@link #render} encodes (benchmarks time drawing and encoding apart). */
    public BufferedImage draw(byte[] mvt, LayerKind.Style style) {
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_ARGB);
        Drawing drawing = new Drawing(SIZE / (double) extent, style);
        VectorTileGeometry.read(mvt, drawing);
        Color stroke = color(style.color(), 1.0);
        Color fill = style.fillColor() == null ? null : color(style.fillColor(), style.fillOpacity());
        Graphics2D g = image.createGraphics();
        try {
            g.setComposite(AlphaComposite.SrcOver);
            hints(g);
            if (fill != null) {
                g.setColor(fill);
                g.fill(drawing.areas);
            }
            if (drawing.outlines != null) {
                g.setColor(stroke);
                g.setStroke(pen(style));
                g.draw(drawing.outlines);
            }
        } finally {
            g.dispose();
        }
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        if (drawing.pointCount > 0) {
            stamps.computeIfAbsent(style, s -> new PointStamps(s, fill, stroke))
                    .paint(pixels, SIZE, SIZE, drawing.points, drawing.pointCount);
        }
        if (drawing.lines != null) { // after Java2D's fill: the outline goes over it
            drawing.lines.paint(pixels, stroke.getRGB() & 0xffffff, stroke.getAlpha() / 255.0);
        }
        return image;
    }

    /** Whether a style's outlines are drawn by {@link LineRasterizer} rather than Java2D's stroker. */
    static boolean solid(LayerKind.Style style) {
        return !dashed(style) && style.weight() >= 1;
    }

    private static boolean dashed(LayerKind.Style style) {
        return style.dashArray() != null && !style.dashArray().isBlank();
    }

    /**
     * The tile's geometry in pixels, gathered as it is read: one path for all areas and one stroke canvas for all
     * outlines, so a thousand parcels cost one trip through the rasterizer instead of two thousand. Non-zero
     * winding keeps holes (ST_AsMVTGeom orients shells and holes oppositely, as the MVT spec requires) and fills
     * overlapping parcels once.
     */
    private static final class Drawing implements VectorTileGeometry.Sink {
        final double scale;
        final boolean fills;
        final Path2D.Double areas = new Path2D.Double(Path2D.WIND_NON_ZERO);
        /** Solid outlines; null when Java2D strokes them ({@link #outlines}). */
        final LineRasterizer lines;
        final Path2D.Double outlines;
        /** x, y of every point feature's points, in pixels (a Path2D would merge consecutive moves into one). */
        double[] points = new double[0];
        int pointCount;
        int type;

        Drawing(double scale, LayerKind.Style style) {
            this.scale = scale;
            this.fills = style.fillColor() != null;
            this.lines = solid(style) ? new LineRasterizer(SIZE, style.weight()) : null;
            this.outlines = lines == null ? new Path2D.Double(Path2D.WIND_NON_ZERO) : null;
        }

        @Override
        public void feature(int type) {
            this.type = type;
        }

        @Override
        public void moveTo(int x, int y) {
            double px = x * scale;
            double py = y * scale;
            if (type == VectorTileGeometry.POINT) {
                if (2 * pointCount == points.length) {
                    points = java.util.Arrays.copyOf(points, Math.max(64, 2 * points.length));
                }
                points[2 * pointCount] = px;
                points[2 * pointCount++ + 1] = py;
                return;
            }
            if (fills && type == VectorTileGeometry.POLYGON) {
                areas.moveTo(px, py);
            }
            if (outlines != null) {
                outlines.moveTo(px, py);
            } else {
                lines.moveTo(px, py);
            }
        }

        @Override
        public void lineTo(int x, int y) {
            double px = x * scale;
            double py = y * scale;
            if (fills && type == VectorTileGeometry.POLYGON) {
                areas.lineTo(px, py);
            }
            if (outlines != null) {
                outlines.lineTo(px, py);
            } else {
                lines.lineTo(px, py);
            }
        }

        @Override
        public void closePath() {
            if (fills && type == VectorTileGeometry.POLYGON) {
                areas.closePath();
            }
            if (outlines != null) {
                outlines.closePath();
            } else {
                lines.closePath();
            }
        }
    }

    /** Antialiased, stroke-normalised: how Leaflet's canvas draws, and every Java2D drawing of a tile is set up. */
    static void hints(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_NORMALIZE);
    }

    private static BasicStroke pen(LayerKind.Style style) {
        float width = (float) style.weight();
        if (!dashed(style)) { // under a pixel wide: Leaflet's caps, joins
            return new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
        }
        String[] parts = style.dashArray().trim().split("[ ,]+");
        float[] dash = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            dash[i] = Float.parseFloat(parts[i]);
        }
        return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dash, 0f);
    }

    /** "#rrggbb" with an opacity 0–1. */
    static Color color(String hex, double opacity) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        int alpha = (int) Math.round(Math.max(0, Math.min(1, opacity)) * 255);
        return new Color((rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255, alpha);
    }

    public static byte[] png(BufferedImage image) {
        return PngEncoder.encode(image);
    }

    /** A fully transparent tile: what an empty area of the layer looks like. */
    public static byte[] transparent() {
        return png(new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_ARGB));
    }
}
