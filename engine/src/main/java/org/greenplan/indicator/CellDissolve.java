package org.greenplan.indicator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Overlapping polygons (a city's green space, its construction land, the ground walkers reach) dissolved on a
 * fixed square grid of the metric frame instead of as one city-wide union: each piece is cut by the grid cells
 * its envelope spans, and each cell's cuts are unioned alone. A city-wide union of 100,000 polygons holds the
 * whole noded arrangement at once and grows superlinearly (minutes, and more than a 1 GiB heap on the scale-100
 * city, docs/BENCHMARKS.md); a cell's union is small, the cells run in parallel, and a cell's cuts are dropped
 * as soon as its union is made. Cells do not overlap, so areas add up over cells: the part of a feature the
 * pieces cover is the sum over cells of feature ∩ cell's union. The grid is fixed (origin 0, 0 of the frame), so
 * a cell's union depends only on the pieces touching that cell — an edit can re-dissolve only its cells.
 */
final class CellDissolve {

    /**
     * Side of a cell in metres: large enough that few pieces are cut (a park's 500 m service area spans at most
     * four), small enough that a cell of dense construction land unions in milliseconds (measured on the
     * scale-100 city, docs/BENCHMARKS.md "City scale in 1 GiB").
     */
    static final double CELL_METRES = 1000;

    /** One cell of the grid and the dissolved ground inside it (polygonal, non-empty). */
    record Cell(long column, long row, Envelope box, Geometry ground) {
    }

    private final double size;
    private final List<Cell> cells;

    private CellDissolve(double size, List<Cell> cells) {
        this.size = size;
        this.cells = cells;
    }

    /** The pieces (polygonal, metres, may overlap) dissolved cell by cell on the grid of {@link #CELL_METRES}. */
    static CellDissolve of(List<Geometry> pieces) {
        return of(pieces, CELL_METRES, true);
    }

    /**
     * An already dissolved geometry (a built-up area, a jurisdiction) cut by the same grid, so that it can be
     * met cell by cell with dissolved pieces; its parts do not overlap, so nothing is unioned.
     */
    static CellDissolve cut(Geometry dissolved, double size) {
        List<Geometry> parts = new ArrayList<>(dissolved.getNumGeometries());
        for (int i = 0; i < dissolved.getNumGeometries(); i++) {
            parts.add(dissolved.getGeometryN(i));
        }
        return of(parts, size, false);
    }

    /** With {@code union} false the pieces must not overlap (their cuts in a cell are only gathered). */
    static CellDissolve of(List<Geometry> pieces, double size, boolean union) {
        Map<Long, List<Geometry>> byCell = new HashMap<>();
        GeometryFactory factory = null;
        for (Geometry g : pieces) {
            if (g.isEmpty()) {
                continue;
            }
            factory = g.getFactory();
            Envelope e = g.getEnvelopeInternal();
            for (long c = column(e.getMinX(), size), c1 = column(e.getMaxX(), size); c <= c1; c++) {
                for (long r = column(e.getMinY(), size), r1 = column(e.getMaxY(), size); r <= r1; r++) {
                    byCell.computeIfAbsent(key(c, r), k -> new ArrayList<>()).add(g);
                }
            }
        }
        if (byCell.isEmpty()) {
            return new CellDissolve(size, List.of());
        }
        long[] keys = byCell.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        @SuppressWarnings("unchecked")
        List<Geometry>[] inCell = new List[keys.length];
        for (int i = 0; i < keys.length; i++) {
            inCell[i] = byCell.remove(keys[i]);
        }
        GeometryFactory gf = factory;
        // the caller's token, handed to the workers (they do not see the caller's thread-local)
        org.greenplan.Cancellation token = org.greenplan.Cancellation.current();
        Cell[] out = new Cell[keys.length];
        IntStream.range(0, keys.length).parallel().forEach(i -> {
            token.check();
            long c = keys[i] >> 32, r = (int) keys[i];
            Envelope box = new Envelope(c * size, (c + 1) * size, r * size, (r + 1) * size);
            Geometry ground = dissolve(inCell[i], box, gf, union);
            inCell[i] = null; // the cuts are dropped once the cell's union is made
            if (!ground.isEmpty() && ground.getArea() > 0) {
                out[i] = new Cell(c, r, box, ground);
            }
        });
        List<Cell> cells = new ArrayList<>(Arrays.stream(out).filter(x -> x != null).toList());
        cells.sort(GRID_ORDER);
        return new CellDissolve(size, List.copyOf(cells));
    }

    private static Geometry dissolve(List<Geometry> pieces, Envelope box, GeometryFactory gf, boolean union) {
        Geometry rect = gf.toGeometry(box);
        List<Geometry> cuts = new ArrayList<>(pieces.size());
        for (Geometry g : pieces) {
            // a piece inside the cell is taken as it is; only pieces crossing the cell's edges are cut
            Geometry cutPiece = box.contains(g.getEnvelopeInternal()) ? g : Overlay.polygonal(Overlay.intersection(g, rect));
            if (!cutPiece.isEmpty()) {
                cuts.add(cutPiece);
            }
        }
        if (cuts.isEmpty()) {
            return gf.createPolygon();
        }
        if (cuts.size() == 1) {
            return Overlay.polygonal(cuts.get(0));
        }
        if (union) {
            return union(cuts, gf);
        }
        List<Polygon> polygons = new ArrayList<>();
        for (Geometry cut : cuts) {
            addPolygons(cut, polygons);
        }
        return gf.createMultiPolygon(polygons.toArray(Polygon[]::new));
    }

    private static final java.util.Comparator<Cell> GRID_ORDER =
            java.util.Comparator.comparingLong(Cell::column).thenComparingLong(Cell::row);

    /**
     * The union of one cell's cuts. A cut whose envelope meets no other's (most green space, a lone building
     * plot) overlaps nothing and is kept as it is; only the cuts that may overlap are unioned, by OverlayNG (a
     * cell's cuts noded at once: a fifth less CPU than the classic cascaded union on the scale-100 city's
     * construction land, the same area to the last printed digit).
     */
    private static Geometry union(List<Geometry> cuts, GeometryFactory gf) {
        STRtree tree = new STRtree();
        for (int i = 0; i < cuts.size(); i++) {
            tree.insert(cuts.get(i).getEnvelopeInternal(), i);
        }
        List<Polygon> polygons = new ArrayList<>();
        List<Geometry> overlapping = new ArrayList<>();
        for (int i = 0; i < cuts.size(); i++) {
            Geometry cut = cuts.get(i);
            int self = i;
            boolean alone = tree.query(cut.getEnvelopeInternal()).stream().allMatch(j -> (Integer) j == self);
            if (alone) {
                addPolygons(cut, polygons);
            } else {
                overlapping.add(cut);
            }
        }
        if (!overlapping.isEmpty()) {
            addPolygons(Overlay.polygonal(Overlay.union(gf.buildGeometry(overlapping))), polygons);
        }
        return polygons.size() == 1 ? polygons.get(0) : gf.createMultiPolygon(polygons.toArray(Polygon[]::new));
    }

    private static void addPolygons(Geometry polygonal, List<Polygon> out) {
        for (int i = 0; i < polygonal.getNumGeometries(); i++) {
            Polygon p = (Polygon) polygonal.getGeometryN(i);
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
    }

    private static long column(double coordinate, double size) {
        return (long) Math.floor(coordinate / size);
    }

    private static long key(long column, long row) {
        return (column << 32) | (row & 0xffffffffL);
    }

    /** The cells holding ground, in grid order (by column, then row). */
    List<Cell> cells() {
        return cells;
    }

    boolean isEmpty() {
        return cells.isEmpty();
    }

    double cellSize() {
        return size;
    }

    /** The dissolved area: the sum over cells (they do not overlap). */
    double area() {
        double sum = 0;
        for (Cell c : cells) {
            sum += c.ground().getArea();
        }
        return sum;
    }

    /** The cell of this grid at the given column and row, or null when it holds no ground. */
    Cell cell(long column, long row) {
        int i = java.util.Collections.binarySearch(cells, new Cell(column, row, null, null), GRID_ORDER);
        return i >= 0 ? cells.get(i) : null;
    }
}
