package org.greenplan.network;

import java.util.Arrays;

/**
 * One search's working arrays for bounded, multi-source Dijkstra on a {@link WalkGraph}: distances, an
 * indexed binary min-heap (decrease-key, no duplicate entries) and the list of touched nodes. Pooled by the
 * graph and reused by one search at a time ({@link WalkGraph#borrowScratch()}); {@link #reset()} clears only what the last search touched, so a small
 * isochrone on a city graph costs time in proportion to what it reaches, not to the graph.
 */
final class DijkstraScratch {

    private final WalkGraph g;
    final double[] dist;
    private final int[] heap;
    private final int[] heapPos; // -1: not in the heap
    private int heapSize;
    private final int[] touched;
    private int touchedCount;
    /** Per-edge marks for callers that must visit each reached edge once; compare with {@link #stamp}. */
    final int[] edgeMark;
    int stamp;

    DijkstraScratch(WalkGraph g) {
        this.g = g;
        int n = g.nodeCount();
        dist = new double[n];
        Arrays.fill(dist, Double.POSITIVE_INFINITY);
        heap = new int[n];
        heapPos = new int[n];
        Arrays.fill(heapPos, -1);
        touched = new int[n];
        edgeMark = new int[g.edgeCount()];
    }

    void reset() {
        for (int i = 0; i < touchedCount; i++) {
            int v = touched[i];
            dist[v] = Double.POSITIVE_INFINITY;
            heapPos[v] = -1;
        }
        touchedCount = 0;
        heapSize = 0;
        if (++stamp == Integer.MAX_VALUE) {
            Arrays.fill(edgeMark, 0);
            stamp = 1;
        }
    }

    int touchedCount() {
        return touchedCount;
    }

    int touched(int i) {
        return touched[i];
    }

    /** Seeds both ends of a snapped point's edge, if within the cutoff. */
    void seed(Snap s, double cutoff) {
        if (!s.reachable()) {
            return;
        }
        offer(g.edgeSource[s.edge()], s.offset() + s.toSource(), cutoff);
        offer(g.edgeTarget[s.edge()], s.offset() + s.toTarget(), cutoff);
    }

    void offer(int v, double d, double cutoff) {
        if (d > cutoff || d >= dist[v]) {
            return;
        }
        if (dist[v] == Double.POSITIVE_INFINITY) {
            touched[touchedCount++] = v;
        }
        dist[v] = d;
        if (heapPos[v] < 0) {
            heapPos[v] = heapSize;
            heap[heapSize++] = v;
        }
        siftUp(heapPos[v]);
    }

    /** Settles every node within the cutoff, nearest first. */
    void run(double cutoff) {
        // the caller's token, read once: a search over a city's graph is the longest loop of a network answer
        org.greenplan.Cancellation token = org.greenplan.Cancellation.current();
        int popped = 0;
        while (heapSize > 0) {
            if ((++popped & 0xFFF) == 0) {
                token.check();
            }
            int u = pop();
            double du = dist[u];
            for (int k = g.adjOffset[u]; k < g.adjOffset[u + 1]; k++) {
                int e = g.adjEdge[k];
                int v = g.edgeSource[e] == u ? g.edgeTarget[e] : g.edgeSource[e];
                offer(v, du + g.edgeLength[e], cutoff);
            }
        }
    }

    private int pop() {
        int top = heap[0];
        heapPos[top] = -1;
        heapSize--;
        if (heapSize > 0) {
            int last = heap[heapSize];
            heap[0] = last;
            heapPos[last] = 0;
            siftDown(0);
        }
        return top;
    }

    private void siftUp(int i) {
        int v = heap[i];
        double d = dist[v];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            int p = heap[parent];
            if (dist[p] <= d) {
                break;
            }
            heap[i] = p;
            heapPos[p] = i;
            i = parent;
        }
        heap[i] = v;
        heapPos[v] = i;
    }

    private void siftDown(int i) {
        int v = heap[i];
        double d = dist[v];
        while (true) {
            int child = 2 * i + 1;
            if (child >= heapSize) {
                break;
            }
            if (child + 1 < heapSize && dist[heap[child + 1]] < dist[heap[child]]) {
                child++;
            }
            int c = heap[child];
            if (dist[c] >= d) {
                break;
            }
            heap[i] = c;
            heapPos[c] = i;
            i = child;
        }
        heap[i] = v;
        heapPos[v] = i;
    }
}
