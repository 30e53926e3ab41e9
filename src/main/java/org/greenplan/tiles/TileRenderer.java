package org.greenplan.tiles;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.greenplan.layer.LayerKind;
import org.locationtech.jts.awt.ShapeWriter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.Puntal;

/**
 * Draws a tile's geometries (tile coordinates, 0–{@code extent} across, y down) into a transparent 256 px
 * PNG with a layer kind's style, the way Leaflet would draw the same GeoJSON: fill with its opacity, then
 * the outline, lines as strokes, points as circles. Plain Java2D, no Spring, no SQL.
 */
public final class TileRenderer {

    public static final int SIZE = 256;

    private final int extent;

    public TileRenderer(int extent) {
        this.extent = extent;
    }

    public byte[] render(List<Geometry> geometries, LayerKind.Style style) {
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setComposite(AlphaComposite.SrcOver);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_NORMALIZE);
            double scale = SIZE / (double) extent;
            // tile units → pixels in the shape itself, so stroke widths and dashes stay in pixels as in Leaflet
            ShapeWriter shapes = new ShapeWriter((src, dest) -> dest.setLocation(src.x * scale, src.y * scale));
            Color stroke = color(style.color(), 1.0);
            Color fill = style.fillColor() == null ? null : color(style.fillColor(), style.fillOpacity());
            // One path for all areas and one for all outlines: a thousand parcels cost two trips through the
            // rasterizer instead of two thousand. Non-zero winding keeps holes (ST_AsMVTGeom orients shells
            // and holes oppositely, as the MVT spec requires) and fills overlapping parcels once.
            Path2D.Double areas = new Path2D.Double(Path2D.WIND_NON_ZERO);
            Path2D.Double outlines = new Path2D.Double(Path2D.WIND_NON_ZERO);
            for (Geometry geometry : geometries) {
                if (geometry instanceof Puntal) {
                    drawPoints(g, geometry, scale, style, fill, stroke);
                    continue;
                }
                Shape shape = shapes.toShape(geometry);
                if (fill != null && geometry instanceof Polygonal) {
                    areas.append(shape, false);
                }
                outlines.append(shape, false);
            }
            if (fill != null) {
                g.setColor(fill);
                g.fill(areas);
            }
            g.setColor(stroke);
            g.setStroke(pen(style));
            g.draw(outlines);
        } finally {
            g.dispose();
        }
        return png(image);
    }

    private static void drawPoints(Graphics2D g, Geometry points, double scale, LayerKind.Style style, Color fill,
            Color stroke) {
        double r = style.radius() > 0 ? style.radius() : 4;
        g.setStroke(new BasicStroke((float) style.weight()));
        for (int i = 0; i < points.getNumGeometries(); i++) {
            Point p = (Point) points.getGeometryN(i);
            Shape circle = new Ellipse2D.Double(p.getX() * scale - r, p.getY() * scale - r, 2 * r, 2 * r);
            if (fill != null) {
                g.setColor(fill);
                g.fill(circle);
            }
            g.setColor(stroke);
            g.draw(circle);
        }
    }

    private static BasicStroke pen(LayerKind.Style style) {
        float width = (float) style.weight();
        if (style.dashArray() == null || style.dashArray().isBlank()) {
            // Leaflet's round caps and joins; on a line up to 2 px wide a round join differs from a bevel by
            // under a third of a pixel, and costs the stroker an arc at every vertex of every outline
            return width <= 2 ? new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_BEVEL)
                    : new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
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

    static byte[] png(BufferedImage image) {
        return PngEncoder.encode(image);
    }

    /** A fully transparent tile: what an empty area of the layer looks like. */
    public static byte[] transparent() {
        return png(new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_ARGB));
    }
}
