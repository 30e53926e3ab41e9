package org.greenplan.network;

/**
 * Gives every distinct vertex a dense id, merging vertices closer than the snap tolerance: identical
 * coordinates (ways sharing an OSM node) always merge, near-identical ones from digitising or from
 * computed intersections merge too. A hash grid with cells of the tolerance keeps each lookup to nine cells.
 * The first vertex of a cluster is its representative (greedy, not transitive: chains of near points
 * longer than the tolerance stay apart).
 */
final class VertexIndex {

    private final double tolerance;
    private final double cell;
    private final LongIntHashMap firstInCell = new LongIntHashMap(1 << 16);
    private final GrowableInts nextInCell = new GrowableInts(1024);
    final GrowableDoubles x = new GrowableDoubles(1024);
    final GrowableDoubles y = new GrowableDoubles(1024);

    VertexIndex(double tolerance) {
        this.tolerance = tolerance;
        this.cell = Math.max(tolerance, 1.0); // wider cells are still correct: 3 × 3 of them cover the tolerance
    }

    int size() {
        return x.size();
    }

    int idOf(double px, double py) {
        long cx = (long) Math.floor(px / cell);
        long cy = (long) Math.floor(py / cell);
        int best = -1;
        double bestD2 = tolerance * tolerance;
        for (long i = cx - 1; i <= cx + 1; i++) {
            for (long j = cy - 1; j <= cy + 1; j++) {
                for (int v = firstInCell.get(key(i, j)); v >= 0; v = nextInCell.get(v)) {
                    double dx = x.get(v) - px;
                    double dy = y.get(v) - py;
                    double d2 = dx * dx + dy * dy;
                    if (d2 <= bestD2) {
                        if (d2 == 0) {
                            return v;
                        }
                        bestD2 = d2;
                        best = v;
                    }
                }
            }
        }
        if (best >= 0) {
            return best;
        }
        int id = x.size();
        x.add(px);
        y.add(py);
        nextInCell.add(firstInCell.put(key(cx, cy), id)); // MISSING (-1) ends the cell's chain
        return id;
    }

    private static long key(long cx, long cy) {
        return (cx << 32) ^ (cy & 0xffffffffL);
    }
}
