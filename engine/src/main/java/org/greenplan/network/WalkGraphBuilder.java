package org.greenplan.network;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.greenplan.geo.Feature;
import org.greenplan.geo.GaussKrugerZone;
import org.locationtech.jts.algorithm.RobustLineIntersector;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateArrays;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.noding.IntersectionAdder;
import org.locationtech.jts.noding.MCIndexNoder;
import org.locationtech.jts.noding.NodedSegmentString;
import org.locationtech.jts.noding.SegmentString;

/**
 * Turns road features (lon/lat lines) into a {@link WalkGraph}.
 *
 * <ol>
 * <li>Drops what {@link WalkRules} says is not walkable.</li>
 * <li>Projects into the Gauss-Krüger zone of the roads' extent (or the zone given).</li>
 * <li>Nodes ground-level roads at every true crossing, because road layers from CAD or planning
 * drawings rarely share vertices. Bridges, tunnels and non-zero layers are left out of this: they only
 * connect where they share a vertex with another road (normally their ends), so an overpass never
 * connects to the street below.</li>
 * <li>Merges vertices closer than the snap tolerance (default 0.5 m) and makes every vertex that ends a
 * line or is used twice a node. At ground level a line end within the tolerance of another line's middle
 * is joined to it too; larger gaps stay gaps (they may be real: a fence, a wall).</li>
 * <li>Keeps the largest connected component, or every component of at least a given length (the minimum
 * network size), and reports how many components were kept and how many dropped.</li>
 * </ol>
 */
public final class WalkGraphBuilder {

    private WalkRules rules = WalkRules.defaults();
    private double snapTolerance = 0.5;
    private double minComponentMetres = Double.NaN;
    private GaussKrugerZone zone;

    public WalkGraphBuilder rules(WalkRules rules) {
        this.rules = Objects.requireNonNull(rules);
        return this;
    }

    /** Vertices closer than this many metres become one node; default 0.5 m. */
    public WalkGraphBuilder snapTolerance(double metres) {
        if (!(metres >= 0)) {
            throw new IllegalArgumentException("snap tolerance must be ≥ 0 m");
        }
        this.snapTolerance = metres;
        return this;
    }

    /**
     * Keep every component at least this long (metres of walkable line) instead of only the largest: the
     * minimum network size (GraphHopper's {@code prepare.min_network_size}, in metres here because a planner
     * thinks of a village's lanes in kilometres, not in junctions). Two towns of one county are two
     * components and both count; a courtyard's lone path is dropped. The largest is kept in any case, so a
     * threshold above its length still yields a graph. NaN (the default) keeps only the largest.
     */
    public WalkGraphBuilder keepComponentsOfAtLeast(double metres) {
        if (metres < 0 || Double.isInfinite(metres)) {
            throw new IllegalArgumentException("the minimum component size must be a finite number of metres ≥ 0");
        }
        this.minComponentMetres = metres;
        return this;
    }

    /** Measure in this zone instead of the zone of the roads' extent (e.g. to match other layers). */
    public WalkGraphBuilder zone(GaussKrugerZone zone) {
        this.zone = zone;
        return this;
    }

    /**
     * Everything besides the roads that shapes the graph (rules, tolerance, minimum network size, zone): two
     * builders with the same fingerprint make the same graph of the same roads. A persisted graph records it.
     */
    public String fingerprint() {
        return "rules=" + Integer.toHexString(rules.fingerprint().hashCode()) + ";snap=" + snapTolerance
                + ";min-component=" + minComponentMetres + ";zone=" + (zone == null ? "auto" : zone.zone());
    }

    /** @throws NoWalkableNetworkException when no road is walkable */
    public WalkGraph build(List<Feature> roads) {
        Roads in = roads();
        roads.forEach(in);
        return in.build();
    }

    /**
     * Roads given one at a time, e.g. straight from a database cursor: only the walkable lines' lon/lat
     * vertices are kept (16 bytes a vertex, no feature, attribute map or geometry object), so a city's
     * half a million road features never sit in memory as features while the graph is built.
     */
    public Roads roads() {
        return new Roads();
    }

    /** The walkable lines received so far, packed; {@link #build()} turns them into the graph. */
    public final class Roads implements Consumer<Feature> {

        private final long start = System.nanoTime();
        private final GrowableDoubles lon = new GrowableDoubles(1 << 16);
        private final GrowableDoubles lat = new GrowableDoubles(1 << 16);
        /** Line i has vertices lineStart[i] .. lineStart[i+1]-1. */
        private final GrowableInts lineStart = new GrowableInts(1 << 12);
        private final BitSet separated = new BitSet();
        private final Envelope extent = new Envelope();
        private int seen;
        private int walkable;

        private Roads() {
            lineStart.add(0);
        }

        @Override
        public void accept(Feature f) {
            seen++;
            Geometry g = f.geometry();
            if (!isLinear(g) || g.isEmpty() || !rules.isWalkable(f)) {
                return;
            }
            walkable++;
            extent.expandToInclude(g.getEnvelopeInternal());
            boolean grade = rules.isGradeSeparated(f);
            for (int i = 0; i < g.getNumGeometries(); i++) {
                CoordinateSequence cs = ((LineString) g.getGeometryN(i)).getCoordinateSequence();
                for (int j = 0; j < cs.size(); j++) {
                    lon.add(cs.getX(j));
                    lat.add(cs.getY(j));
                }
                separated.set(lineStart.size() - 1, grade);
                lineStart.add(lon.size());
            }
        }

        /** @throws NoWalkableNetworkException when no road is walkable */
        public WalkGraph build() {
            int notWalkable = seen - walkable;
            if (walkable == 0) {
                throw new NoWalkableNetworkException("no walkable road: " + seen + " road features given, "
                        + notWalkable + " of them not walkable by the walk rules or without a line geometry");
            }
            GaussKrugerZone z = zone != null ? zone : GaussKrugerZone.forArea(extent);
            List<SegmentString> ground = new ArrayList<>();
            List<Coordinate[]> pieces = new ArrayList<>();
            int lines = lineStart.size() - 1;
            for (int i = 0; i < lines; i++) {
                int from = lineStart.get(i);
                int to = lineStart.get(i + 1);
                Coordinate[] metres = new Coordinate[to - from];
                for (int j = from; j < to; j++) {
                    double[] xy = z.project(lon.get(j), lat.get(j));
                    metres[j - from] = new Coordinate(xy[0], xy[1]);
                }
                Coordinate[] cs = CoordinateArrays.removeRepeatedPoints(metres);
                if (cs.length < 2) {
                    continue;
                }
                if (separated.get(i)) {
                    pieces.add(cs);
                } else {
                    ground.add(new NodedSegmentString(cs, null));
                }
            }
            new MCIndexNoder(new IntersectionAdder(new RobustLineIntersector())).computeNodes(ground);
            if (snapTolerance > 0) {
                NearEndNoder.addNodes(ground, snapTolerance);
            }
            for (Object s : NodedSegmentString.getNodedSubstrings(ground)) {
                pieces.add(((SegmentString) s).getCoordinates());
            }
            return assemble(z, pieces, walkable, notWalkable, start);
        }
    }

    private static boolean isLinear(Geometry g) {
        return g instanceof LineString || g instanceof org.locationtech.jts.geom.MultiLineString;
    }

    private WalkGraph assemble(GaussKrugerZone z, List<Coordinate[]> pieces, int used, int notWalkable, long start) {
        // Every vertex gets an id; a vertex becomes a node where a piece ends or where two pieces meet.
        VertexIndex vertices = new VertexIndex(snapTolerance);
        int[][] ids = new int[pieces.size()][];
        for (int p = 0; p < pieces.size(); p++) {
            Coordinate[] cs = pieces.get(p);
            int[] v = new int[cs.length];
            for (int i = 0; i < cs.length; i++) {
                v[i] = vertices.idOf(cs[i].x, cs[i].y);
            }
            ids[p] = v;
        }
        int nv = vertices.size();
        byte[] use = new byte[nv]; // 0 unused, 1 once inside a piece, 2 node
        for (int[] v : ids) {
            use[v[0]] = 2;
            use[v[v.length - 1]] = 2;
            for (int i = 1; i < v.length - 1; i++) {
                use[v[i]] = (byte) (use[v[i]] == 0 ? 1 : 2);
            }
        }
        int[] nodeOfVertex = new int[nv];
        java.util.Arrays.fill(nodeOfVertex, -1);
        GrowableDoubles nodeX = new GrowableDoubles(1024);
        GrowableDoubles nodeY = new GrowableDoubles(1024);
        GrowableInts src = new GrowableInts(1024);
        GrowableInts tgt = new GrowableInts(1024);
        GrowableDoubles len = new GrowableDoubles(1024);
        GrowableInts geomOffset = new GrowableInts(1024);
        GrowableDoubles gx = new GrowableDoubles(4096);
        GrowableDoubles gy = new GrowableDoubles(4096);
        for (int[] v : ids) {
            int startVertex = v[0];
            int geomStart = gx.size();
            gx.add(vertices.x.get(startVertex));
            gy.add(vertices.y.get(startVertex));
            double length = 0;
            int prev = startVertex;
            for (int i = 1; i < v.length; i++) {
                int cur = v[i];
                if (cur != prev) { // merged vertices collapse tiny segments
                    double dx = vertices.x.get(cur) - vertices.x.get(prev);
                    double dy = vertices.y.get(cur) - vertices.y.get(prev);
                    length += Math.sqrt(dx * dx + dy * dy);
                    gx.add(vertices.x.get(cur));
                    gy.add(vertices.y.get(cur));
                    prev = cur;
                }
                if (use[cur] == 2) {
                    if (gx.size() - geomStart >= 2 && length > 0) {
                        src.add(node(startVertex, nodeOfVertex, vertices, nodeX, nodeY));
                        tgt.add(node(cur, nodeOfVertex, vertices, nodeX, nodeY));
                        len.add(length);
                        geomOffset.add(geomStart);
                        geomStart = gx.size();
                    } else {
                        truncate(gx, gy, geomStart);
                        geomStart = gx.size();
                    }
                    gx.add(vertices.x.get(cur));
                    gy.add(vertices.y.get(cur));
                    startVertex = cur;
                    length = 0;
                }
            }
            truncate(gx, gy, geomStart); // the last node's point opened a polyline that has no edge
        }
        geomOffset.add(gx.size());
        return keepComponents(z, nodeX.toArray(), nodeY.toArray(), src.toArray(), tgt.toArray(), len.toArray(),
                geomOffset.toArray(), gx.toArray(), gy.toArray(), used, notWalkable, start);
    }

    private static void truncate(GrowableDoubles gx, GrowableDoubles gy, int size) {
        gx.truncate(size);
        gy.truncate(size);
    }

    private static int node(int vertex, int[] nodeOfVertex, VertexIndex vertices, GrowableDoubles nx,
            GrowableDoubles ny) {
        if (nodeOfVertex[vertex] < 0) {
            nodeOfVertex[vertex] = nx.size();
            nx.add(vertices.x.get(vertex));
            ny.add(vertices.y.get(vertex));
        }
        return nodeOfVertex[vertex];
    }

    private WalkGraph keepComponents(GaussKrugerZone z, double[] nx, double[] ny, int[] src, int[] tgt,
            double[] len, int[] geomOffset, double[] gx, double[] gy, int used, int notWalkable, long start) {
        int n = nx.length;
        int m = src.length;
        if (m == 0) {
            throw new NoWalkableNetworkException("no walkable edge: the " + used
                    + " walkable roads have no length after merging vertices closer than " + snapTolerance + " m");
        }
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int e = 0; e < m; e++) {
            int a = find(parent, src[e]);
            int b = find(parent, tgt[e]);
            if (a != b) {
                parent[a] = b;
            }
        }
        double[] compLength = new double[n];
        for (int e = 0; e < m; e++) {
            compLength[find(parent, src[e])] += len[e];
        }
        int largest = 0;
        int components = 0;
        for (int i = 0; i < n; i++) {
            if (parent[i] == i) {
                components++;
                if (compLength[i] > compLength[largest]) {
                    largest = i;
                }
            }
        }
        boolean[] keepRoot = new boolean[n];
        int kept = 0;
        double dropped = 0;
        for (int i = 0; i < n; i++) {
            if (parent[i] == i) {
                boolean keep = i == largest || compLength[i] >= minComponentMetres; // NaN compares false
                keepRoot[i] = keep;
                if (keep) {
                    kept++;
                } else {
                    dropped += compLength[i];
                }
            }
        }
        int[] newNode = new int[n];
        GrowableDoubles kx = new GrowableDoubles(n);
        GrowableDoubles ky = new GrowableDoubles(n);
        for (int i = 0; i < n; i++) {
            if (keepRoot[find(parent, i)]) {
                newNode[i] = kx.size();
                kx.add(nx[i]);
                ky.add(ny[i]);
            } else {
                newNode[i] = -1;
            }
        }
        GrowableInts ks = new GrowableInts(m);
        GrowableInts kt = new GrowableInts(m);
        GrowableDoubles kl = new GrowableDoubles(m);
        GrowableInts ko = new GrowableInts(m + 1);
        GrowableDoubles kgx = new GrowableDoubles(gx.length);
        GrowableDoubles kgy = new GrowableDoubles(gy.length);
        for (int e = 0; e < m; e++) {
            if (newNode[src[e]] < 0) {
                continue;
            }
            ks.add(newNode[src[e]]);
            kt.add(newNode[tgt[e]]);
            kl.add(len[e]);
            ko.add(kgx.size());
            for (int i = geomOffset[e]; i < geomOffset[e + 1]; i++) {
                kgx.add(gx[i]);
                kgy.add(gy[i]);
            }
        }
        ko.add(kgx.size());
        var draft = new WalkGraph.StatsDraft(used, notWalkable, kept, components - kept, dropped,
                minComponentMetres, start);
        return new WalkGraph(z, kx.toArray(), ky.toArray(), ks.toArray(), kt.toArray(), kl.toArray(), ko.toArray(),
                kgx.toArray(), kgy.toArray(), draft);
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}
