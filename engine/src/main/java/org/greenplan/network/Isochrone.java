package org.greenplan.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/**
 * Walking service areas (isochrones) from one or more origins: the ground {@link ServedGround} serves, i.e.
 * the street pieces reachable within a distance, cut exactly where the distance runs out inside an edge,
 * each point buffered by the walk-off distance (default 50 m: the depth of plots reached from a street) or
 * the distance left there if less, and unioned. The result follows the streets, so it is concave where the
 * network is, unlike a convex hull of reached nodes, and never reaches beyond the distance as the crow flies.
 * Network-mode coverage counts the same ground ({@link ParkCoverage}).
 *
 * <p>Built for interactive use on a city graph: one Dijkstra bounded by the largest distance on the
 * graph's pooled, reused arrays (well under 1 ms), then per distance a buffer of each reached piece and a
 * cascaded union, which is where the time goes.
 */
public final class Isochrone {

    private final WalkGraph graph;
    private double walkOff = 50;
    private double maxSnap = EdgeSnapper.DEFAULT_MAX_SNAP_METRES;
    private int quadrantSegments = 3;

    public Isochrone(WalkGraph graph) {
        this.graph = graph;
    }

    /** Metres either side of a reached street that count as served; default 50 m. */
    public Isochrone walkOff(double metres) {
        if (!(metres > 0)) {
            throw new IllegalArgumentException("walk-off distance must be > 0 m");
        }
        this.walkOff = metres;
        return this;
    }

    /** Origins further than this from every street are unreachable; default 500 m. */
    public Isochrone maxSnapDistance(double metres) {
        this.maxSnap = metres;
        return this;
    }

    /** Segments per quarter circle of the buffer's round ends; default 3 (coarser is faster). */
    public Isochrone quadrantSegments(int n) {
        this.quadrantSegments = Math.max(1, n);
        return this;
    }

    /** Distances for walking times at a speed: minutes × metres per minute. */
    public static double[] distancesFor(double metresPerMinute, double... minutes) {
        return Arrays.stream(minutes).map(m -> m * metresPerMinute).toArray();
    }

    /**
     * Service areas from origins given in lon/lat, one per distance (metres), in the order given. The
     * snap offset of an origin counts as walking. Unreachable origins are skipped; with none reachable
     * every area is empty.
     */
    public List<ServiceArea> from(List<? extends Geometry> originsLonLat, double... distances) {
        EdgeSnapper snapper = new EdgeSnapper(graph, maxSnap);
        List<Snap> origins = new ArrayList<>();
        for (Geometry g : originsLonLat) {
            Snap s = snapper.snapLonLat(g);
            if (s.reachable()) {
                origins.add(s);
            }
        }
        return fromSnaps(origins, distances);
    }

    /** As {@link #from} for origins already snapped. */
    public List<ServiceArea> fromSnaps(List<Snap> origins, double... distances) {
        double max = Arrays.stream(distances).max().orElse(0);
        DijkstraScratch s = graph.borrowScratch();
        try {
            s.reset();
            for (Snap o : origins) {
                s.seed(o, max);
            }
            s.run(max);
            List<ServiceArea> out = new ArrayList<>();
            for (double d : distances) {
                out.add(area(s, origins, d));
            }
            return out;
        } finally {
            s.reset();
            graph.giveBack(s);
        }
    }

    private ServiceArea area(DijkstraScratch s, List<Snap> origins, double limit) {
        ServedGround.Ground ground = new ServedGround(graph, walkOff, quadrantSegments).of(s, origins, limit);
        Geometry metres = ground.buffers().isEmpty() ? WalkGraph.METRES.createPolygon()
                : UnaryUnionOp.union(ground.buffers());
        Geometry lonLat = graph.zone().toLonLat(metres);
        lonLat.setSRID(4326); // like every stored feature (GeoJson.WGS84)
        return new ServiceArea(limit, lonLat, metres.getArea(), ground.reachedEdges());
    }
}
