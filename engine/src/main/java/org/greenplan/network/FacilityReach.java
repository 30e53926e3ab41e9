package org.greenplan.network;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.greenplan.geo.Feature;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

/**
 * The ground a group of facilities (all the facilities meeting one life-circle requirement) serves on foot,
 * for several walking distances at once: {@link ServedGround} from the facilities snapped to the nearest
 * street (the snap offset counts as walking), plus the land within min(walk-off, distance) of each facility
 * itself (stepping straight out of its door, as {@link ParkCoverage} steps out of a park). One search up to the
 * largest distance serves every smaller one. Like every {@link ServedGround}, each piece lies within the
 * distance of a facility as the crow flies, so life-circle coverage on foot is never above the straight line.
 */
public final class FacilityReach {

    private final WalkGraph graph;
    private double maxSnap = EdgeSnapper.DEFAULT_MAX_SNAP_METRES;
    private double walkOff = 50;

    public FacilityReach(WalkGraph graph) {
        this.graph = graph;
    }

    public FacilityReach maxSnapDistance(double metres) {
        this.maxSnap = metres;
        return this;
    }

    /**
     * @param facilities points (lon/lat; multipoints count each point)
     * @param distances  walking metres
     * @return distance → served pieces in the graph's zone metres, overlapping (overlaps count once)
     */
    public Map<Double, List<Geometry>> servedGround(List<Feature> facilities, Collection<Double> distances) {
        Map<Double, List<Geometry>> out = new LinkedHashMap<>();
        TreeSet<Double> limits = new TreeSet<>(distances);
        if (limits.isEmpty()) {
            return out;
        }
        EdgeSnapper snapper = new EdgeSnapper(graph, maxSnap);
        List<Point> doors = new ArrayList<>();
        List<Snap> snaps = new ArrayList<>();
        for (Feature f : facilities) {
            Geometry m = graph.zone().toMetres(f.geometry());
            for (int i = 0; i < m.getNumGeometries(); i++) {
                if (m.getGeometryN(i) instanceof Point p && !p.isEmpty()) {
                    doors.add(p);
                    Snap s = snapper.snap(p.getX(), p.getY());
                    if (s.reachable()) {
                        snaps.add(s);
                    }
                }
            }
        }
        for (double limit : limits) {
            List<Geometry> pieces = new ArrayList<>();
            for (Point p : doors) {
                pieces.add(p.buffer(Math.min(walkOff, limit), ParkCoverage.QUADRANT_SEGMENTS));
            }
            out.put(limit, pieces);
        }
        if (snaps.isEmpty()) {
            return out;
        }
        double max = limits.last();
        ServedGround served = new ServedGround(graph, walkOff, ParkCoverage.QUADRANT_SEGMENTS);
        DijkstraScratch s = graph.borrowScratch();
        try {
            s.reset();
            for (Snap snap : snaps) {
                s.seed(snap, max);
            }
            s.run(max);
            for (double limit : limits) {
                out.get(limit).addAll(served.of(s, snaps, limit).buffers());
            }
        } finally {
            s.reset();
            graph.giveBack(s);
        }
        return out;
    }
}
