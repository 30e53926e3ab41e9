package org.greenplan.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.greenplan.indicator.service.LayerUse;
import org.greenplan.kind.LayerKind;
import org.greenplan.report.Report.MapFigure;
import org.greenplan.tiles.TileAddress;
import org.greenplan.tiles.TileFormat;
import org.greenplan.tiles.TileService;
import org.locationtech.jts.awt.ShapeWriter;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * A map of a report's scope, composed from the server's own PNG tiles (the web map's tiles, same styles) of
 * the layer versions the indicators read, at the deepest zoom where the scope fits the frame, with an
 * indicator's gaps over them, a legend, a scale bar and a north arrow. Web-mercator like the map page, so
 * north is up; the scale bar is true at the map's centre latitude.
 */
final class ScopeMap {

    static final int WIDTH = 800;
    static final int HEIGHT = 560;
    private static final int TILE = 256;
    private static final int MAX_ZOOM = 18;
    private static final Color GAP_FILL = new Color(213, 0, 0, 110);
    private static final Color GAP_LINE = new Color(183, 28, 28);
    /** The kinds drawn, bottom to top; others (control lines, sponge zones…) stay in the layer table. */
    private static final List<LayerKind> DRAWN = List.of(LayerKind.ADMIN_AREA, LayerKind.BUILT_UP_AREA,
            LayerKind.RESIDENTIAL, LayerKind.PARK, LayerKind.GREENWAY, LayerKind.ROAD, LayerKind.FACILITY);

    private ScopeMap() {
    }

    /** The layers drawn once for a scope, shared by the maps of its indicators' gaps. */
    record Base(BufferedImage image, int z, double left, double top, List<LayerUse> drawn) {
    }

    /**
     * Draws the layers of a scope: the tiles of each layer version (those of a kind not drawn are skipped), or with
     * {@code scenario} the scenario's tiles of them (its pinned versions, which its indicators read, with its edits).
     *
     * @param scenario the scenario whose layers are drawn, or null
     * @param scope    lon/lat envelope to show (grown by 4 %)
     */
    static Base base(TileService tiles, String workspace, Long scenario, Envelope scope, List<LayerUse> layers) {
        Envelope env = new Envelope(scope);
        env.expandBy(Math.max(env.getWidth(), 1e-4) * 0.04, Math.max(env.getHeight(), 1e-4) * 0.04);
        int z = MAX_ZOOM;
        while (z > 0 && (x(env.getMaxX(), z) - x(env.getMinX(), z) > WIDTH || y(env.getMinY(), z) - y(env.getMaxY(), z) > HEIGHT)) {
            z--;
        }
        // the frame's top-left corner in world pixels of zoom z, centred on the scope
        double left = (x(env.getMinX(), z) + x(env.getMaxX(), z)) / 2 - WIDTH / 2.0;
        double top = (y(env.getMaxY(), z) + y(env.getMinY(), z)) / 2 - HEIGHT / 2.0;
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        List<LayerUse> drawn = layers.stream().filter(u -> DRAWN.contains(u.kind())).distinct()
                .sorted(java.util.Comparator.comparingInt((LayerUse u) -> DRAWN.indexOf(u.kind())).thenComparing(LayerUse::id))
                .toList();
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            long n = 1L << z;
            int x0 = (int) Math.floor(left / TILE);
            int y0 = (int) Math.floor(top / TILE);
            int x1 = (int) Math.floor((left + WIDTH - 1) / TILE);
            int y1 = (int) Math.floor((top + HEIGHT - 1) / TILE);
            for (LayerUse layer : drawn) {
                for (int ty = Math.max(0, y0); ty <= Math.min(n - 1, y1); ty++) {
                    for (int tx = Math.max(0, x0); tx <= Math.min(n - 1, x1); tx++) {
                        TileAddress at = new TileAddress(z, tx, ty);
                        TileService.Tile t = scenario == null
                                ? tiles.tile(workspace, layer.id(), layer.version(), at, TileFormat.PNG)
                                : tiles.scenarioTile(workspace, scenario, layer.id(), at, TileFormat.PNG);
                        if (!t.empty()) {
                            g.drawImage(read(t.body()), (int) Math.round(tx * TILE - left), (int) Math.round(ty * TILE - top), null);
                        }
                    }
                }
            }
        } finally {
            g.dispose();
        }
        return new Base(image, z, left, top, drawn);
    }

    /** The base with {@code gaps} (lon/lat, or null) in red over it, the legend, scale bar and north arrow. */
    static MapFigure draw(Base base, Geometry gaps, String gapLabel, String caption) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.drawImage(base.image(), 0, 0, null);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            int z = base.z();
            double left = base.left();
            double top = base.top();
            if (gaps != null && !gaps.isEmpty()) {
                Shape shape = new ShapeWriter((Coordinate c, java.awt.geom.Point2D p) -> p.setLocation(
                        x(c.x, z) - left, y(c.y, z) - top)).toShape(gaps);
                g.setColor(GAP_FILL);
                g.fill(shape);
                g.setColor(GAP_LINE);
                g.setStroke(new BasicStroke(1f));
                g.draw(shape);
            }
            g.setColor(Color.DARK_GRAY);
            g.drawRect(0, 0, WIDTH - 1, HEIGHT - 1);
            legend(g, base.drawn(), gaps != null && !gaps.isEmpty() ? gapLabel : null);
            double centreLat = lat(top + HEIGHT / 2.0, z);
            scaleBar(g, 156_543.033_928_040_97 * Math.cos(Math.toRadians(centreLat)) / (1L << z));
            northArrow(g);
        } finally {
            g.dispose();
        }
        return new MapFigure(caption, png(image), WIDTH, HEIGHT);
    }

    private static void legend(Graphics2D g, List<LayerUse> layers, String gapLabel) {
        Font font = ReportFont.awt(13f);
        g.setFont(font);
        FontMetrics fm = g.getFontMetrics();
        List<LayerKind> kinds = layers.stream().map(LayerUse::kind).distinct().toList();
        int rows = kinds.size() + (gapLabel != null ? 1 : 0);
        int w = 0;
        for (LayerKind k : kinds) {
            w = Math.max(w, fm.stringWidth(k.label()));
        }
        if (gapLabel != null) {
            w = Math.max(w, fm.stringWidth(gapLabel));
        }
        int line = 20;
        int bw = w + 46;
        int bh = rows * line + 12;
        int bx = 10;
        int by = HEIGHT - bh - 10;
        g.setColor(new Color(255, 255, 255, 225));
        g.fillRect(bx, by, bw, bh);
        g.setColor(Color.GRAY);
        g.drawRect(bx, by, bw, bh);
        int y = by + 6;
        for (LayerKind k : kinds) {
            swatch(g, k, bx + 8, y + 3);
            g.setColor(Color.BLACK);
            g.drawString(k.label(), bx + 36, y + 14);
            y += line;
        }
        if (gapLabel != null) {
            g.setColor(GAP_FILL);
            g.fillRect(bx + 8, y + 3, 20, 13);
            g.setColor(GAP_LINE);
            g.drawRect(bx + 8, y + 3, 20, 13);
            g.setColor(Color.BLACK);
            g.drawString(gapLabel, bx + 36, y + 14);
        }
    }

    /** A 20 × 13 px sample of a kind's style: filled box, line, or point. */
    private static void swatch(Graphics2D g, LayerKind kind, int x, int y) {
        LayerKind.Style s = kind.style();
        Color stroke = color(s.color(), 1);
        Color fill = s.fillColor() == null ? null : color(s.fillColor(), s.fillOpacity());
        g.setStroke(new BasicStroke((float) Math.max(1, Math.min(3, s.weight()))));
        if (s.radius() > 0) {
            Shape dot = new Ellipse2D.Double(x + 5, y + 1, 11, 11);
            if (fill != null) {
                g.setColor(fill);
                g.fill(dot);
            }
            g.setColor(stroke);
            g.draw(dot);
        } else if (kind.geometry() == org.greenplan.kind.GeometryFamily.LINE) {
            g.setColor(stroke);
            g.drawLine(x, y + 7, x + 20, y + 7);
        } else {
            Rectangle2D box = new Rectangle2D.Double(x, y, 20, 13);
            if (fill != null) {
                g.setColor(fill);
                g.fill(box);
            }
            g.setColor(stroke);
            g.draw(box);
        }
    }

    /** A bar of a round length (1, 2 or 5 × 10ⁿ m) near a fifth of the map's width. */
    private static void scaleBar(Graphics2D g, double metresPerPixel) {
        double want = WIDTH / 5.0 * metresPerPixel;
        double pow = Math.pow(10, Math.floor(Math.log10(want)));
        double metres = want / pow >= 5 ? 5 * pow : want / pow >= 2 ? 2 * pow : pow;
        int px = (int) Math.round(metres / metresPerPixel);
        String label = metres >= 1000 ? String.format(Locale.ROOT, "%s km", org.greenplan.Decimals.plain(metres / 1000))
                : String.format(Locale.ROOT, "%d m", Math.round(metres));
        int x = WIDTH - px - 20;
        int y = HEIGHT - 22;
        g.setColor(new Color(255, 255, 255, 225));
        g.fillRect(x - 8, y - 22, px + 16, 34);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(2f));
        g.drawLine(x, y, x + px, y);
        g.drawLine(x, y - 6, x, y + 4);
        g.drawLine(x + px, y - 6, x + px, y + 4);
        g.drawLine(x + px / 2, y - 4, x + px / 2, y);
        g.setFont(ReportFont.awt(12f));
        g.drawString(label, x + px / 2 - g.getFontMetrics().stringWidth(label) / 2, y - 9);
    }

    private static void northArrow(Graphics2D g) {
        int cx = WIDTH - 30;
        int top = 14;
        Path2D.Double arrow = new Path2D.Double();
        arrow.moveTo(cx, top + 16);
        arrow.lineTo(cx - 9, top + 46);
        arrow.lineTo(cx, top + 38);
        arrow.lineTo(cx + 9, top + 46);
        arrow.closePath();
        g.setColor(new Color(255, 255, 255, 225));
        g.fillRect(cx - 16, top - 4, 32, 56);
        g.setColor(Color.BLACK);
        g.fill(arrow);
        g.setFont(ReportFont.awt(14f).deriveFont(Font.BOLD));
        g.drawString("N", cx - g.getFontMetrics().stringWidth("N") / 2, top + 12);
    }

    static double x(double lon, int z) {
        return (lon + 180) / 360 * TILE * (1L << z);
    }

    static double y(double lat, int z) {
        double phi = Math.toRadians(Math.max(-85.05112878, Math.min(85.05112878, lat)));
        return (1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2 * TILE * (1L << z);
    }

    private static double lat(double y, int z) {
        double n = Math.PI - 2 * Math.PI * y / (TILE * (1L << z));
        return Math.toDegrees(Math.atan(Math.sinh(n)));
    }

    private static Color color(String hex, double opacity) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        return new Color((rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255, (int) Math.round(Math.max(0, Math.min(1, opacity)) * 255));
    }

    private static BufferedImage read(byte[] png) {
        try {
            return ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] png(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
