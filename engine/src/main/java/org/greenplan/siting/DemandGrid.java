package org.greenplan.siting;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.operation.distance.IndexedFacetDistance;

/**
 * The demand of a covering problem made from land: each residential parcel (in metres) cut into its pieces on a
 * square grid, each piece weighted by its area (or by the residents living on it, spread over the parcel by
 * area) and represented by its centroid. A parcel half inside a service radius then counts half, as the
 * indicators count the covered part of a parcel, to within a cell at the edge of the reach; the figure a plan
 * finally reports is the indicator's own, recomputed on the plan. Pieces are kept in a bucket grid of their own
 * cells, so "which pieces lie within r of this site" reads only the cells near the site.
 */
public final class DemandGrid {

    private final double cell;
    private final double originX;
    private final double originY;
    private final int columns;
    private final int rows;
    private final double[] x;
    private final double[] y;
    private final double[] weight;
    private final int[] parcel;
    /** pieces sorted by cell: the pieces of cell c are order[first[c]] … order[first[c + 1] - 1] */
    private final int[] first;
    private final int[] order;

    private DemandGrid(double cell, Envelope extent, List<double[]> pieces) {
        this.cell = cell;
        this.originX = extent.getMinX();
        this.originY = extent.getMinY();
        this.columns = Math.max(1, (int) Math.ceil(extent.getWidth() / cell) + 1);
        this.rows = Math.max(1, (int) Math.ceil(extent.getHeight() / cell) + 1);
        int n = pieces.size();
        x = new double[n];
        y = new double[n];
        weight = new double[n];
        parcel = new int[n];
        first = new int[columns * rows + 1];
        int[] cellOf = new int[n];
        for (int i = 0; i < n; i++) {
            double[] p = pieces.get(i);
            x[i] = p[0];
            y[i] = p[1];
            weight[i] = p[2];
            parcel[i] = (int) p[3];
            cellOf[i] = cellIndex(column(x[i]), row(y[i]));
            first[cellOf[i] + 1]++;
        }
        for (int c = 0; c < columns * rows; c++) {
            first[c + 1] += first[c];
        }
        order = new int[n];
        int[] next = first.clone();
        for (int i = 0; i < n; i++) {
            order[next[cellOf[i]]++] = i;
        }
    }

    /**
     * @param parcels   residential parcels in metres (polygonal; others are skipped)
     * @param weightPerSquareMetre per parcel: 1 to weigh by land, residents ÷ area to weigh by residents
     * @param cell      the grid's cell size in metres (the precision at the edge of a reach)
     */
    public static DemandGrid cut(List<Geometry> parcels, double[] weightPerSquareMetre, double cell) {
        if (!(cell > 0)) {
            throw new IllegalArgumentException("the cell size must be > 0 m, not " + cell);
        }
        Envelope extent = new Envelope();
        parcels.forEach(g -> extent.expandToInclude(g.getEnvelopeInternal()));
        List<double[]> pieces = new ArrayList<>();
        if (extent.isNull()) {
            return new DemandGrid(cell, new Envelope(0, 0, 0, 0), pieces);
        }
        GeometryFactory factory = parcels.get(0).getFactory();
        for (int p = 0; p < parcels.size(); p++) {
            Geometry g = parcels.get(p);
            if (!(g instanceof Polygonal) || g.isEmpty()) {
                continue;
            }
            Envelope e = g.getEnvelopeInternal();
            int c0 = (int) Math.floor((e.getMinX() - extent.getMinX()) / cell);
            int c1 = (int) Math.floor((e.getMaxX() - extent.getMinX()) / cell);
            int r0 = (int) Math.floor((e.getMinY() - extent.getMinY()) / cell);
            int r1 = (int) Math.floor((e.getMaxY() - extent.getMinY()) / cell);
            for (int c = c0; c <= c1; c++) {
                for (int r = r0; r <= r1; r++) {
                    Envelope box = new Envelope(extent.getMinX() + c * cell, extent.getMinX() + (c + 1) * cell,
                            extent.getMinY() + r * cell, extent.getMinY() + (r + 1) * cell);
                    Geometry piece = c0 == c1 && r0 == r1 ? g : g.intersection(factory.toGeometry(box));
                    double area = piece.getArea();
                    if (area <= 0) {
                        continue;
                    }
                    Coordinate centre = piece.getInteriorPoint().getCoordinate();
                    pieces.add(new double[] {centre.x, centre.y, area * weightPerSquareMetre[p], p});
                }
            }
        }
        return new DemandGrid(cell, extent, pieces);
    }

    public int size() {
        return x.length;
    }

    public double weight(int piece) {
        return weight[piece];
    }

    /** The parcel (index in the list cut) a piece belongs to. */
    public int parcel(int piece) {
        return parcel[piece];
    }

    public double[] weights() {
        return weight.clone();
    }

    /** The pieces whose point lies within {@code radius} metres of the site (a point, line or polygon). */
    public int[] within(Geometry site, double radius) {
        Envelope e = site.getEnvelopeInternal();
        int c0 = Math.max(0, column(e.getMinX() - radius));
        int c1 = Math.min(columns - 1, column(e.getMaxX() + radius));
        int r0 = Math.max(0, row(e.getMinY() - radius));
        int r1 = Math.min(rows - 1, row(e.getMaxY() + radius));
        // facet distance alone misses points inside a polygonal site (their distance is 0, not the boundary's)
        IndexedFacetDistance distance = site instanceof Point ? null : new IndexedFacetDistance(site);
        PreparedGeometry inside = site instanceof Polygonal ? PreparedGeometryFactory.prepare(site) : null;
        Coordinate point = site instanceof Point p ? p.getCoordinate() : null;
        GeometryFactory factory = site.getFactory();
        List<Integer> found = new ArrayList<>();
        for (int c = c0; c <= c1; c++) {
            for (int r = r0; r <= r1; r++) {
                int cellIndex = cellIndex(c, r);
                for (int k = first[cellIndex]; k < first[cellIndex + 1]; k++) {
                    int i = order[k];
                    boolean near;
                    if (point != null) {
                        near = Math.hypot(x[i] - point.x, y[i] - point.y) <= radius;
                    } else {
                        Point here = factory.createPoint(new Coordinate(x[i], y[i]));
                        near = distance.isWithinDistance(here, radius) || (inside != null && inside.covers(here));
                    }
                    if (near) {
                        found.add(i);
                    }
                }
            }
        }
        return found.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    private int column(double px) {
        return (int) Math.floor((px - originX) / cell);
    }

    private int row(double py) {
        return (int) Math.floor((py - originY) / cell);
    }

    private int cellIndex(int c, int r) {
        return r * columns + c;
    }
}
