package org.greenplan.network;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

/**
 * Attaches points (facilities, parcel access points, isochrone origins) to the nearest edge of a
 * {@link WalkGraph}. Points further than the maximum snap distance (default 500 m) come back as
 * {@link Snap#UNREACHABLE}. Cheap to create; the segment index behind it is built once per graph.
 */
public final class EdgeSnapper {

    public static final double DEFAULT_MAX_SNAP_METRES = 500;

    private final WalkGraph graph;
    private final double maxDistance;

    public EdgeSnapper(WalkGraph graph) {
        this(graph, DEFAULT_MAX_SNAP_METRES);
    }

    public EdgeSnapper(WalkGraph graph, double maxSnapMetres) {
        if (!(maxSnapMetres >= 0)) {
            throw new IllegalArgumentException("max snap distance must be ≥ 0 m");
        }
        this.graph = graph;
        this.maxDistance = maxSnapMetres;
    }

    public double maxDistance() {
        return maxDistance;
    }

    /** Snaps a point given in zone metres. */
    public Snap snap(double x, double y) {
        SegmentGrid grid = graph.segmentGrid();
        int s = grid.nearestSegment(x, y, maxDistance);
        if (s < 0) {
            return Snap.UNREACHABLE;
        }
        int e = grid.edgeOfPoint[s];
        double t = grid.param(s, x, y);
        double ax = graph.geomX[s];
        double ay = graph.geomY[s];
        double px = ax + t * (graph.geomX[s + 1] - ax);
        double py = ay + t * (graph.geomY[s + 1] - ay);
        double along = 0;
        for (int i = graph.geomOffset[e]; i < s; i++) {
            along += Math.hypot(graph.geomX[i + 1] - graph.geomX[i], graph.geomY[i + 1] - graph.geomY[i]);
        }
        along += Math.hypot(px - ax, py - ay);
        double length = graph.edgeLength[e];
        return new Snap(e, Math.min(along, length), length, Math.hypot(px - x, py - y), px, py);
    }

    /** Snaps a lon/lat point; for other geometries their interior point is used. */
    public Snap snapLonLat(Geometry lonLat) {
        if (lonLat == null || lonLat.isEmpty()) {
            return Snap.UNREACHABLE;
        }
        Point p = lonLat instanceof Point pt ? pt : lonLat.getInteriorPoint();
        double[] xy = graph.zone().project(p.getX(), p.getY());
        return snap(xy[0], xy[1]);
    }
}
