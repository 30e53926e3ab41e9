package org.greenplan.network;

/**
 * A uniform grid over the graph's edge segments, in CSR form (cell → segment ids), for nearest-edge
 * queries. Chosen over an STRtree because it needs no object per segment and a query touches a few cells.
 * Segment s runs from polyline point s to s+1; {@link #edgeOfPoint} maps it to its edge.
 */
final class SegmentGrid {

    private final WalkGraph g;
    private final double minX;
    private final double minY;
    private final double cell;
    private final int cols;
    private final int rows;
    private final int[] cellOffset;
    private final int[] cellSegments;
    /** For polyline point i: the edge it belongs to (the last point of an edge is no segment start). */
    final int[] edgeOfPoint;

    SegmentGrid(WalkGraph g) {
        this.g = g;
        int points = g.geomX.length;
        edgeOfPoint = new int[points];
        double x0 = Double.MAX_VALUE, y0 = Double.MAX_VALUE, x1 = -Double.MAX_VALUE, y1 = -Double.MAX_VALUE;
        for (int i = 0; i < points; i++) {
            x0 = Math.min(x0, g.geomX[i]);
            y0 = Math.min(y0, g.geomY[i]);
            x1 = Math.max(x1, g.geomX[i]);
            y1 = Math.max(y1, g.geomY[i]);
        }
        for (int e = 0; e < g.edgeCount(); e++) {
            for (int i = g.geomOffset[e]; i < g.geomOffset[e + 1]; i++) {
                edgeOfPoint[i] = e;
            }
        }
        int segments = points - g.edgeCount();
        // About two segments per cell, but never finer than 20 m: queries then scan few, short lists.
        double area = Math.max((x1 - x0) * (y1 - y0), 1);
        cell = Math.max(20, Math.sqrt(2 * area / Math.max(segments, 1)));
        minX = x0;
        minY = y0;
        cols = (int) Math.min(1 << 15, Math.floor((x1 - x0) / cell) + 1);
        rows = (int) Math.min(1 << 15, Math.floor((y1 - y0) / cell) + 1);
        cellOffset = new int[cols * rows + 1];
        forEachSegmentCell((s, c) -> cellOffset[c + 1]++);
        for (int c = 0; c < cols * rows; c++) {
            cellOffset[c + 1] += cellOffset[c];
        }
        cellSegments = new int[cellOffset[cols * rows]];
        int[] fill = new int[cols * rows];
        forEachSegmentCell((s, c) -> cellSegments[cellOffset[c] + fill[c]++] = s);
    }

    private interface SegmentCell {
        void accept(int segment, int cell);
    }

    // A segment is registered in every cell of its bounding box: exact enough, and segments are short.
    private void forEachSegmentCell(SegmentCell visitor) {
        for (int e = 0; e < g.edgeCount(); e++) {
            for (int s = g.geomOffset[e]; s < g.geomOffset[e + 1] - 1; s++) {
                int c0 = col(Math.min(g.geomX[s], g.geomX[s + 1]));
                int c1 = col(Math.max(g.geomX[s], g.geomX[s + 1]));
                int r0 = row(Math.min(g.geomY[s], g.geomY[s + 1]));
                int r1 = row(Math.max(g.geomY[s], g.geomY[s + 1]));
                for (int r = r0; r <= r1; r++) {
                    for (int c = c0; c <= c1; c++) {
                        visitor.accept(s, r * cols + c);
                    }
                }
            }
        }
    }

    private int col(double x) {
        return Math.max(0, Math.min(cols - 1, (int) Math.floor((x - minX) / cell)));
    }

    private int row(double y) {
        return Math.max(0, Math.min(rows - 1, (int) Math.floor((y - minY) / cell)));
    }

    /**
     * The segment nearest to (x, y) within maxDistance, or -1. Searches rings of cells outwards and stops
     * once no unsearched cell can hold anything nearer.
     */
    int nearestSegment(double x, double y, double maxDistance) {
        int cx = (int) Math.floor((x - minX) / cell);
        int cy = (int) Math.floor((y - minY) / cell);
        int best = -1;
        double bestD2 = maxDistance * maxDistance;
        int maxRing = (int) Math.ceil(maxDistance / cell) + 1;
        for (int ring = 0; ring <= maxRing; ring++) {
            for (int r = cy - ring; r <= cy + ring; r++) {
                if (r < 0 || r >= rows) {
                    continue;
                }
                boolean edgeRow = r == cy - ring || r == cy + ring;
                int step = edgeRow ? 1 : Math.max(1, 2 * ring);
                for (int c = cx - ring; c <= cx + ring; c += step) {
                    if (c < 0 || c >= cols) {
                        continue;
                    }
                    int cellId = r * cols + c;
                    for (int k = cellOffset[cellId]; k < cellOffset[cellId + 1]; k++) {
                        int s = cellSegments[k];
                        double d2 = distance2(s, x, y);
                        if (d2 < bestD2 || (d2 == bestD2 && best >= 0 && s < best)) {
                            bestD2 = d2;
                            best = s;
                        }
                    }
                }
            }
            // Cells outside this ring are at least ring*cell away from the query point.
            double reach = ring * cell;
            if (best >= 0 && reach * reach >= bestD2) {
                break;
            }
        }
        return best;
    }

    /**
     * Calls back with every segment registered in a cell the box [x0, x1] × [y0, y1] touches (a segment may come
     * more than once: it is registered in each cell of its bounding box). A superset of the segments meeting the
     * box; the caller tests the exact geometry.
     */
    void forEachSegmentNear(double x0, double y0, double x1, double y1, java.util.function.IntConsumer visitor) {
        int c0 = col(x0), c1 = col(x1), r0 = row(y0), r1 = row(y1);
        for (int r = r0; r <= r1; r++) {
            for (int c = c0; c <= c1; c++) {
                int cellId = r * cols + c;
                for (int k = cellOffset[cellId]; k < cellOffset[cellId + 1]; k++) {
                    visitor.accept(cellSegments[k]);
                }
            }
        }
    }

    /** Squared distance from (x, y) to segment s. */
    double distance2(int s, double x, double y) {
        double t = param(s, x, y);
        double px = g.geomX[s] + t * (g.geomX[s + 1] - g.geomX[s]);
        double py = g.geomY[s] + t * (g.geomY[s + 1] - g.geomY[s]);
        return (px - x) * (px - x) + (py - y) * (py - y);
    }

    /** Position 0..1 along segment s of the point nearest to (x, y). */
    double param(int s, double x, double y) {
        double ax = g.geomX[s];
        double ay = g.geomY[s];
        double dx = g.geomX[s + 1] - ax;
        double dy = g.geomY[s + 1] - ay;
        double l2 = dx * dx + dy * dy;
        if (l2 == 0) {
            return 0;
        }
        return Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / l2));
    }
}
