package org.greenplan.network;

import org.greenplan.geo.GaussKrugerZone;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;

/**
 * An immutable, undirected walking network in the metres of one Gauss-Krüger zone, stored as primitive
 * arrays so a city of a million edges costs tens of megabytes and no object per edge: node coordinates,
 * per-edge source/target/length and polyline (packed), and a CSR adjacency (offsets into edge ids).
 *
 * <p>Safe to share between threads: each search borrows scratch arrays from a small pool owned by the graph
 * (not a ThreadLocal: thread-local scratch of a dropped graph would live as long as the server's worker
 * threads, and it references the graph, so evicted city graphs would never be collected). Build with
 * {@link WalkGraphBuilder}. Nodes and edges can be exported ({@link #forEachEdge}) to load the same graph
 * into pgRouting for cross-checks.
 */
public final class WalkGraph {

    /** Receives one edge of {@link #forEachEdge}: ids are dense, 0-based; length in metres. */
    @FunctionalInterface
    public interface EdgeConsumer {
        void accept(int edge, int source, int target, double length);
    }

    static final GeometryFactory METRES = new GeometryFactory();

    private final GaussKrugerZone zone;
    final double[] nodeX;
    final double[] nodeY;
    final int[] edgeSource;
    final int[] edgeTarget;
    final double[] edgeLength;
    /** Polyline of edge e: points geomOffset[e] .. geomOffset[e+1]-1, from source to target. */
    final int[] geomOffset;
    final double[] geomX;
    final double[] geomY;
    /** CSR: the edges at node n are adjEdge[adjOffset[n] .. adjOffset[n+1]-1]. */
    final int[] adjOffset;
    final int[] adjEdge;
    private final GraphStats stats;

    private volatile SegmentGrid segmentGrid;
    /** Idle search arrays; at most one per concurrently running search, dropped by {@link #releaseScratch()}. */
    private final java.util.concurrent.ConcurrentLinkedDeque<DijkstraScratch> idleScratch =
            new java.util.concurrent.ConcurrentLinkedDeque<>();

    WalkGraph(GaussKrugerZone zone, double[] nodeX, double[] nodeY, int[] edgeSource, int[] edgeTarget,
            double[] edgeLength, int[] geomOffset, double[] geomX, double[] geomY, StatsDraft draft) {
        this.zone = zone;
        this.nodeX = nodeX;
        this.nodeY = nodeY;
        this.edgeSource = edgeSource;
        this.edgeTarget = edgeTarget;
        this.edgeLength = edgeLength;
        this.geomOffset = geomOffset;
        this.geomX = geomX;
        this.geomY = geomY;
        int n = nodeX.length;
        adjOffset = new int[n + 1];
        for (int e = 0; e < edgeSource.length; e++) {
            adjOffset[edgeSource[e] + 1]++;
            adjOffset[edgeTarget[e] + 1]++;
        }
        for (int i = 0; i < n; i++) {
            adjOffset[i + 1] += adjOffset[i];
        }
        adjEdge = new int[adjOffset[n]];
        int[] fill = new int[n];
        for (int e = 0; e < edgeSource.length; e++) {
            adjEdge[adjOffset[edgeSource[e]] + fill[edgeSource[e]]++] = e;
            adjEdge[adjOffset[edgeTarget[e]] + fill[edgeTarget[e]]++] = e;
        }
        double total = 0;
        for (double len : edgeLength) {
            total += len;
        }
        long bytes = 8L * (nodeX.length + nodeY.length + edgeLength.length + geomX.length + geomY.length)
                + 4L * (edgeSource.length + edgeTarget.length + geomOffset.length + adjOffset.length + adjEdge.length);
        this.stats = new GraphStats(n, edgeSource.length, total / 1000, draft.roadsUsed(), draft.roadsNotWalkable(),
                draft.componentsKept(), draft.componentsDropped(), draft.minComponentMetres(), draft.droppedMetres() / 1000,
                total / (total + draft.droppedMetres()), draft.elapsedMillis(), bytes);
    }

    /** Counts gathered by the builder before the graph exists. */
    record StatsDraft(int roadsUsed, int roadsNotWalkable, int componentsKept, int componentsDropped,
            double droppedMetres, double minComponentMetres, long startNanos) {
        long elapsedMillis() {
            return (System.nanoTime() - startNanos) / 1_000_000;
        }
    }

    public GaussKrugerZone zone() {
        return zone;
    }

    public GraphStats stats() {
        return stats;
    }

    public int nodeCount() {
        return nodeX.length;
    }

    public int edgeCount() {
        return edgeSource.length;
    }

    /** Node position in zone metres (easting, northing). */
    public Coordinate nodeCoordinate(int node) {
        return new Coordinate(nodeX[node], nodeY[node]);
    }

    /** Node position as {lon, lat}. */
    public double[] nodeLonLat(int node) {
        return zone.unproject(nodeX[node], nodeY[node]);
    }

    public int edgeSource(int edge) {
        return edgeSource[edge];
    }

    public int edgeTarget(int edge) {
        return edgeTarget[edge];
    }

    /** Walking length of the edge along its polyline, metres. */
    public double edgeLength(int edge) {
        return edgeLength[edge];
    }

    /** The edge's polyline in zone metres, from source to target. */
    public LineString edgeGeometry(int edge) {
        int from = geomOffset[edge];
        int to = geomOffset[edge + 1];
        Coordinate[] cs = new Coordinate[to - from];
        for (int i = from; i < to; i++) {
            cs[i - from] = new Coordinate(geomX[i], geomY[i]);
        }
        return METRES.createLineString(cs);
    }

    /** Number of edges at the node (a self-loop counts twice). */
    public int degree(int node) {
        return adjOffset[node + 1] - adjOffset[node];
    }

    /** Visits every edge once, in id order: the export for pgRouting (id, source, target, cost). */
    public void forEachEdge(EdgeConsumer consumer) {
        for (int e = 0; e < edgeSource.length; e++) {
            consumer.accept(e, edgeSource[e], edgeTarget[e], edgeLength[e]);
        }
    }

    /** The segment index for snapping, built on first use (a few hundred ms for a city) and then shared. */
    SegmentGrid segmentGrid() {
        SegmentGrid g = segmentGrid;
        if (g == null) {
            synchronized (this) {
                g = segmentGrid;
                if (g == null) {
                    g = new SegmentGrid(this);
                    segmentGrid = g;
                }
            }
        }
        return g;
    }

    /**
     * Borrows search arrays (reset by the caller through {@link DijkstraScratch#reset()}); give them back with
     * {@link #giveBack} in a finally block. A new set is allocated only when all are in use.
     */
    DijkstraScratch borrowScratch() {
        DijkstraScratch s = idleScratch.pollFirst();
        return s != null ? s : new DijkstraScratch(this);
    }

    void giveBack(DijkstraScratch s) {
        idleScratch.offerFirst(s);
    }

    /**
     * Frees the idle search arrays (a few MB per concurrent search on a city graph), e.g. when a cache evicts
     * the graph; searches still running keep theirs until they end. The graph stays usable.
     */
    public void releaseScratch() {
        idleScratch.clear();
    }

    /** Idle search-array sets held (for tests and cache statistics). */
    public int idleScratchCount() {
        return idleScratch.size();
    }
}
