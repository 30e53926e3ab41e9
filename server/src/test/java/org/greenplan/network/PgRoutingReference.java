package org.greenplan.network;

import java.io.StringReader;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;

/**
 * The engine's walking graph as a pgRouting edge table ({@code xc_edges}, a temporary table of the
 * connection) and the {@code pgr_drivingDistance} reference query: the independent check used by
 * {@link PgRoutingCrossCheckTest}, the indicator API's network-mode test and {@code ./bench.sh network}.
 */
public final class PgRoutingReference {

    private PgRoutingReference() {
    }

    /**
     * pgRouting's walking distance from each parcel to the nearest facility of each group, measured the way
     * the engine defines it (access points on the parcel boundary, facilities snapped, offsets walked) but
     * computed by {@code pgr_drivingDistance} (equicost := false) on the exported graph, one query per group.
     *
     * @param groups  group key → facilities (lon/lat points)
     * @param cutoffs group key → metres; further distances come back as +∞
     * @return [parcel][group in the order of {@code groups}] metres, +∞ beyond the cutoff or unreachable
     */
    public static double[][] parcelDistances(Connection c, WalkGraph g, List<org.greenplan.geo.Feature> parcels,
            Map<String, List<org.greenplan.geo.Feature>> groups, Map<String, Double> cutoffs) throws Exception {
        EdgeSnapper snapper = new EdgeSnapper(g);
        Export ex = new Export(g);
        List<List<Long>> starts = new ArrayList<>();
        for (List<org.greenplan.geo.Feature> fs : groups.values()) {
            List<Long> vids = new ArrayList<>();
            for (org.greenplan.geo.Feature f : fs) {
                Snap s = snapper.snapLonLat(f.geometry());
                if (s.reachable()) {
                    long start = ex.newVertex();
                    ex.edge(start, ex.split(s), s.offset());
                    vids.add(start);
                }
            }
            starts.add(vids);
        }
        List<List<Snap>> access = new ArrayList<>();
        List<long[]> accessVertex = new ArrayList<>();
        for (org.greenplan.geo.Feature p : parcels) {
            List<Snap> as = ParkCoverage.boundarySnaps(g.zone().toMetres(p.geometry()), snapper,
                    LifeCircle.DEFAULT_ACCESS_SPACING, LifeCircle.DEFAULT_MAX_ACCESS_POINTS);
            long[] v = new long[as.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = ex.split(as.get(i));
            }
            access.add(as);
            accessVertex.add(v);
        }
        ex.load(c);
        double[][] out = new double[parcels.size()][groups.size()];
        int k = 0;
        for (String key : groups.keySet()) {
            double cutoff = cutoffs.get(key);
            Map<Long, Double> d = starts.get(k).isEmpty() ? Map.of() : drivingDistance(c, starts.get(k), cutoff, false);
            for (int i = 0; i < parcels.size(); i++) {
                double best = Double.POSITIVE_INFINITY;
                for (int a = 0; a < accessVertex.get(i).length; a++) {
                    Double at = d.get(accessVertex.get(i)[a]);
                    if (at != null) {
                        best = Math.min(best, at + access.get(i).get(a).offset());
                    }
                }
                out[i][k] = best <= cutoff ? best : Double.POSITIVE_INFINITY;
            }
            k++;
        }
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE xc_edges");
        }
        return out;
    }

    /** Each vertex's smallest agg_cost from the start vids within the cutoff (undirected). */
    public static Map<Long, Double> drivingDistance(Connection c, List<Long> startVids, double cutoff,
            boolean equicost) throws Exception {
        Map<Long, Double> out = new HashMap<>();
        Array vids = c.createArrayOf("bigint", startVids.toArray(Long[]::new));
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT node, agg_cost
                  FROM pgr_drivingDistance('SELECT id, source, target, cost, reverse_cost FROM xc_edges',
                                           ?, ?, directed := false, equicost := ?)
                """)) {
            ps.setArray(1, vids);
            ps.setDouble(2, cutoff);
            ps.setBoolean(3, equicost);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.merge(rs.getLong(1), rs.getDouble(2), Math::min);
                }
            }
        }
        return out;
    }

    /**
     * The engine's graph as pgRouting edges; original node n is vertex n + 1, split points and facility
     * start points get vertices after them. An edge with split points becomes a chain of pieces.
     */
    public static final class Export {
        private final WalkGraph g;
        private long nextVertex;
        /** edge → list of (along, vertex) split points. */
        private final Map<Integer, List<double[]>> splits = new HashMap<>();
        private final StringBuilder extra = new StringBuilder();
        /** Every exported piece of an engine edge: source vid, target vid, engine edge, from and to metres along it. */
        private final StringBuilder pieces = new StringBuilder();
        private long nextEdge;

        public Export(WalkGraph g) {
            this.g = g;
            this.nextVertex = g.nodeCount() + 1L;
            this.nextEdge = g.edgeCount() + 1L;
        }

        public long newVertex() {
            return nextVertex++;
        }

        public long split(Snap s) {
            long v = newVertex();
            splits.computeIfAbsent(s.edge(), e -> new ArrayList<>()).add(new double[] {s.along(), v});
            return v;
        }

        public void edge(long a, long b, double cost) {
            line(extra, nextEdge++, a, b, cost);
        }

        private static void line(StringBuilder sb, long id, long a, long b, double cost) {
            sb.append(id).append(',').append(a).append(',').append(b).append(',').append(cost).append(',')
                    .append(cost).append('\n');
        }

        public void load(Connection c) throws Exception {
            StringBuilder sb = new StringBuilder();
            long[] id = {1};
            g.forEachEdge((e, source, target, length) -> {
                List<double[]> pts = splits.get(e);
                if (pts == null) {
                    line(sb, id[0]++, source + 1L, target + 1L, length);
                    piece(source + 1L, target + 1L, e, 0, length);
                    return;
                }
                pts.sort((x, y) -> Double.compare(x[0], y[0]));
                long prev = source + 1L;
                double prevAlong = 0;
                for (double[] p : pts) {
                    double along = Math.max(prevAlong, Math.min(length, p[0]));
                    line(sb, nextEdge++, prev, (long) p[1], along - prevAlong);
                    piece(prev, (long) p[1], e, prevAlong, along);
                    prev = (long) p[1];
                    prevAlong = along;
                }
                line(sb, nextEdge++, prev, target + 1L, length - prevAlong);
                piece(prev, target + 1L, e, prevAlong, length);
            });
            sb.append(extra);
            try (Statement st = c.createStatement()) {
                st.execute("DROP TABLE IF EXISTS xc_edges");
                st.execute("CREATE TEMP TABLE xc_edges (id bigint, source bigint, target bigint, cost float8, "
                        + "reverse_cost float8)");
            }
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY xc_edges FROM STDIN (FORMAT csv)",
                    new StringReader(sb.toString()));
        }

        private void piece(long source, long target, int edge, double from, double to) {
            pieces.append(source).append(',').append(target).append(',').append(edge).append(',').append(from)
                    .append(',').append(to).append('\n');
        }

        /**
         * After {@link #load}: {@code xc_pieces(source, target, edge, a, b)}, the exported pieces with their range
         * along the engine edge, and {@code xc_geom(edge, len, geom)}, each engine edge's polyline in zone metres
         * (no SRID), so SQL can cut the reached part of a piece out of its edge with ST_LineSubstring.
         */
        public void loadPieces(Connection c) throws Exception {
            StringBuilder geoms = new StringBuilder();
            for (int e = 0; e < g.edgeCount(); e++) {
                geoms.append(e).append(',').append(g.edgeLength(e)).append(",\"").append(g.edgeGeometry(e).toText())
                        .append("\"\n");
            }
            try (Statement st = c.createStatement()) {
                st.execute("DROP TABLE IF EXISTS xc_pieces");
                st.execute("DROP TABLE IF EXISTS xc_geom");
                st.execute("CREATE TEMP TABLE xc_pieces (source bigint, target bigint, edge int, a float8, b float8)");
                st.execute("CREATE TEMP TABLE xc_geom (edge int PRIMARY KEY, len float8, wkt text)");
            }
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY xc_pieces FROM STDIN (FORMAT csv)",
                    new StringReader(pieces.toString()));
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY xc_geom FROM STDIN (FORMAT csv)",
                    new StringReader(geoms.toString()));
        }
    }
}
