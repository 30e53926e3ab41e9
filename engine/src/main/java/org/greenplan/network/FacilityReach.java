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

    /** Where the facilities are (zone metres) and where they join the streets. */
    private record Doors(List<Point> points, List<Snap> snaps) {
    }

    private Doors doors(List<Feature> facilities) {
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
        return new Doors(doors, snaps);
    }

    /** One search from every door up to the largest distance, handed to {@code each} per distance, smallest first. */
    private void walk(Doors doors, TreeSet<Double> limits, java.util.function.BiConsumer<DijkstraScratch, Double> each) {
        DijkstraScratch s = graph.borrowScratch();
        try {
            s.reset();
            for (Snap snap : doors.snaps()) {
                s.seed(snap, limits.last());
            }
            s.run(limits.last());
            for (double limit : limits) {
                each.accept(s, limit);
            }
        } finally {
            s.reset();
            graph.giveBack(s);
        }
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
        Doors doors = doors(facilities);
        for (double limit : limits) {
            List<Geometry> pieces = new ArrayList<>();
            for (Point p : doors.points()) {
                pieces.add(p.buffer(Math.min(walkOff, limit), ParkCoverage.QUADRANT_SEGMENTS));
            }
            out.put(limit, pieces);
        }
        if (doors.snaps().isEmpty()) {
            return out;
        }
        ServedGround served = new ServedGround(graph, walkOff, ParkCoverage.QUADRANT_SEGMENTS, true);
        walk(doors, limits, (s, limit) -> out.get(limit).addAll(served.of(s, doors.snaps(), limit).buffers()));
        return out;
    }

    /**
     * The same ground as {@link #servedGround}, kept as the streets reached, to be asked parcel by parcel
     * ({@link ReachedStreets}); the parcels' streets come from {@link #streetsNear}.
     */
    public Map<Double, org.greenplan.indicator.WalkedGround> walkedGround(List<Feature> facilities,
            Collection<Double> distances) {
        Map<Double, org.greenplan.indicator.WalkedGround> out = new LinkedHashMap<>();
        TreeSet<Double> limits = new TreeSet<>(distances);
        if (limits.isEmpty()) {
            return out;
        }
        Doors doors = doors(facilities);
        ServedGround served = new ServedGround(graph, walkOff, ParkCoverage.QUADRANT_SEGMENTS, true);
        walk(doors, limits, (s, limit) -> {
            List<double[]> discs = new ArrayList<>(doors.points().size());
            for (Point p : doors.points()) {
                discs.add(new double[] {p.getX(), p.getY(), Math.min(walkOff, limit)});
            }
            // with no door on a street the search is empty: the ground is the doors' discs alone
            out.put(limit, served.reached(s, doors.snaps(), limit, discs));
        });
        return out;
    }

    /** The streets within the walk-off of a parcel (zone metres), for asking {@link #walkedGround}s about it. */
    public org.greenplan.indicator.ParcelStreets streetsNear(Geometry parcel) {
        return NearStreets.of(graph, parcel, walkOff, ParkCoverage.QUADRANT_SEGMENTS);
    }
}
