package org.greenplan.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.greenplan.ServerTestSupport;
import org.greenplan.geo.Feature;
import org.greenplan.kind.LayerKind;
import org.greenplan.layer.Layer;
import org.greenplan.layer.LayerFeatures;
import org.greenplan.network.service.NetworkService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Independent cross-check of the engine against pgRouting's {@code pgr_drivingDistance} on the same graph.
 *
 * <p>The engine's graph is exported edge by edge (cost = reverse_cost = length). Every facility snap point and
 * every parcel access point is made a real vertex by splitting its edge at the point, and every facility gets
 * a start vertex of its own joined to its split vertex by an edge as long as its snap offset, so pgRouting
 * measures exactly what the engine measures, with no knowledge of snaps. Then
 * {@code pgr_drivingDistance(edges, start vids, cutoff, directed := false)} gives each vertex its distance from
 * every start (equicost := false; the minimum per vertex is the distance to the nearest facility), and:
 * <ul>
 * <li>every graph node's distance agrees with {@link NetworkDistances} within 1 m, and the nodes within the
 * cutoff are the same set on both sides;</li>
 * <li>each parcel's distance (min over its access points of pgRouting's distance at the point + the access
 * offset) agrees with the engine's within 1 m, and the covered share of residential area computed from
 * pgRouting's distances agrees with {@link LifeCircle}'s within 0.1 percentage points.</li>
 * </ul>
 * The same call with {@code equicost := true} is run and reported too: pgRouting 3.4.2 then sometimes assigns
 * a vertex to a start that is not its nearest (Monaco, bus stops: 5 nodes 5-25 m longer than the true
 * minimum, which its own equicost := false run confirms), so it is only checked never to be shorter.
 * Runs on the demo town (graph from the server's cache) and on the OSM extracts in the shared data folder.
 */
class PgRoutingCrossCheckTest extends ServerTestSupport {

    @Autowired
    DataSource dataSource;
    @Autowired
    NetworkService network;
    @Autowired
    LayerFeatures layerFeatures;

    /** What one comparison found; printed for the report. */
    record Agreement(String what, int nodesCompared, int nodesWithin, double maxNodeDiff, int parcels,
            double maxParcelDiff, double engineShare, double pgShare, long engineMillis, long pgMillis) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: %d nodes within the cutoff on both sides (of %d), max |Δ| %.2e m; "
                    + "%d parcels, max |Δ| %.2e m; covered area %.3f%% engine vs %.3f%% pgRouting; "
                    + "engine %d ms, pgr_drivingDistance %d ms", what, nodesWithin, nodesCompared, maxNodeDiff,
                    parcels, maxParcelDiff, 100 * engineShare, 100 * pgShare, engineMillis, pgMillis);
        }
    }

    @Test
    void demoTown() throws Exception {
        WalkGraph g = network.graph("demo", List.of("demo-road")).graph();
        List<Feature> facilities = read(LayerKind.FACILITY, "demo-facility");
        List<Feature> parcels = read(LayerKind.RESIDENTIAL, "demo-residential");
        Agreement kindergarten = check("demo kindergarten ≤ 300 m", g, facilities, "kindergarten", 300, parcels);
        Agreement clinic = check("demo community_health_center ≤ 1000 m", g, facilities, "community_health_center",
                1000, parcels);
        assertThat(kindergarten.nodesWithin()).isGreaterThan(100);
        assertThat(clinic.nodesWithin()).isGreaterThan(300);
    }

    @ParameterizedTest
    @CsvSource({"beijing_haidian_tsinghua", "shenzhen_longgang_dayun", "monaco"})
    void osmExtracts(String area) throws Exception {
        Path dir = TestNetworks.sharedData();
        assumeTrue(dir != null && Files.isDirectory(dir.resolve(area)), "shared OSM data not present");
        WalkGraph g = new WalkGraphBuilder().build(TestNetworks.read(dir.resolve(area).resolve("roads_walk.geojson")));
        List<Feature> facilities = TestNetworks.read(dir.resolve(area).resolve("facilities.geojson"));
        List<Feature> parcels = parcelsOf(dir.resolve(area));
        Agreement bus = check(area + " bus stop ≤ 300 m", g, facilities, "highway=bus_stop", 300, parcels);
        Agreement school = check(area + " school ≤ 1000 m", g, facilities, "amenity=school", 1000, parcels);
        assertThat(bus.nodesWithin() + school.nodesWithin()).isGreaterThan(50);
    }

    /**
     * Park coverage on foot, reached part of each parcel: the engine ({@link ParkCoverage}) and the indicator API
     * against a reference built from pgRouting's distances and PostGIS geometry. Park entrances are the engine's
     * (boundary points snapped to the streets), each a start vertex joined to its split point by its offset;
     * {@code pgr_drivingDistance} per radius gives every vertex its distance; SQL cuts out of each exported
     * piece the part reached within radius − 50 m ({@code ST_LineSubstring}), buffers it by 50 m, adds a disc
     * of the distance left about each entrance snapped further than radius − 50 m and the 50 m ring of each
     * park, unions it all and intersects it with the parcels. Agreement within 0.1 pp.
     */
    @Test
    void parkCoverageOnFootOfTheDemoTownMatchesPgRoutingAndPostgis() throws Exception {
        WalkGraph g = network.graph("demo", List.of("demo-road")).graph();
        List<Feature> parks = read(LayerKind.PARK, "demo-park");
        List<Feature> parcels = read(LayerKind.RESIDENTIAL, "demo-residential");
        double reference = parkCoverageReference(g, parks, parcels);
        double engine = 100 * new ParkCoverage(g).evaluate(parks, parcels).areaShare();
        Reply r = get("/api/v1/indicators/park_service_coverage?layers=demo-residential,demo-park,demo-road&mode=network");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        double api = r.json().path("value").asDouble();
        System.out.printf(Locale.ROOT, "[pgRouting + PostGIS] demo park coverage on foot: engine %.3f %%, API %.3f %%, "
                + "reference %.3f %%%n", engine, api, reference);
        assertThat(reference).isBetween(5.0, 95.0);
        assertThat(engine).as("engine vs reference, pp").isCloseTo(reference, org.assertj.core.api.Assertions.within(0.1));
        assertThat(api).as("API vs reference, pp").isCloseTo(reference, org.assertj.core.api.Assertions.within(0.1));
    }

    @ParameterizedTest
    @CsvSource({"beijing_haidian_tsinghua", "shenzhen_longgang_dayun", "monaco"})
    void parkCoverageOnFootOfOsmExtractsMatchesPgRoutingAndPostgis(String area) throws Exception {
        Path dir = TestNetworks.sharedData();
        assumeTrue(dir != null && Files.isDirectory(dir.resolve(area)), "shared OSM data not present");
        WalkGraph g = new WalkGraphBuilder().build(TestNetworks.read(dir.resolve(area).resolve("roads_walk.geojson")));
        List<Feature> parks = TestNetworks.read(dir.resolve(area).resolve("parks.geojson"));
        List<Feature> parcels = parcelsOf(dir.resolve(area));
        double reference = parkCoverageReference(g, parks, parcels);
        double engine = 100 * new ParkCoverage(g).evaluate(parks, parcels).areaShare();
        System.out.printf(Locale.ROOT, "[pgRouting + PostGIS] %s park coverage on foot: engine %.3f %%, reference %.3f %%%n",
                area, engine, reference);
        assertThat(reference).isBetween(1.0, 99.0);
        assertThat(engine).as(area + ": engine vs reference, pp").isCloseTo(reference,
                org.assertj.core.api.Assertions.within(0.1));
    }

    private static final String PARK_GROUND = """
            WITH p AS (
                SELECT rr.r, pc.a, pc.b, gm.len, ST_GeomFromText(gm.wkt) AS geom, ds.d AS ds, dt.d AS dt
                  FROM xc_pieces pc JOIN xc_geom gm USING (edge)
                 CROSS JOIN (SELECT DISTINCT r FROM xc_parks) rr
                  LEFT JOIN xc_dist ds ON ds.r = rr.r AND ds.node = pc.source
                  LEFT JOIN xc_dist dt ON dt.r = rr.r AND dt.node = pc.target
                 WHERE ds.d IS NOT NULL OR dt.d IS NOT NULL),
            core AS (
                SELECT geom, len, a AS lo, least(b, a + (r - 50 - ds)) AS hi FROM p WHERE ds <= r - 50
                UNION ALL
                SELECT geom, len, greatest(a, b - (r - 50 - dt)), b FROM p WHERE dt <= r - 50),
            served AS (
                SELECT ST_Buffer(ST_LineSubstring(geom, greatest(0, lo / len), least(1, hi / len)), 50, 'quad_segs=16') AS g
                  FROM core WHERE hi - lo > 1e-3
                UNION ALL
                SELECT ST_Buffer(ST_MakePoint(x, y), r - off, 'quad_segs=16') FROM xc_starts WHERE off > r - 50 AND off < r
                UNION ALL
                SELECT ST_Buffer(ST_GeomFromText(wkt), least(50, r), 'quad_segs=16') FROM xc_parks),
            u AS (SELECT ST_Union(g) AS g FROM served),
            parcel AS (SELECT ST_MakeValid(ST_GeomFromText(wkt)) AS g FROM xc_parcels)
            SELECT 100 * sum(ST_Area(ST_Intersection(parcel.g, u.g))) / sum(ST_Area(parcel.g)) FROM parcel, u""";

    /** The reference share (%) of the parcels' area a walker reaches within a qualifying park's radius. */
    private double parkCoverageReference(WalkGraph g, List<Feature> parks, List<Feature> parcels) throws Exception {
        ParkCoverage.Radii radii = ParkCoverage.Radii.defaults();
        EdgeSnapper snapper = new EdgeSnapper(g);
        List<Origin> origins = new ArrayList<>();
        for (Feature park : parks) {
            var m = g.zone().toMetres(park.geometry());
            double r = radii.radiusOf(m.getArea(), false);
            if (!Double.isNaN(r)) {
                origins.add(new Origin(r, m, ParkCoverage.boundarySnaps(m, snapper, 50, 256)));
            }
        }
        return servedGroundReference(g, origins, parcels);
    }

    /**
     * Life-circle coverage on foot of one requirement, reached part of each parcel: the indicator API's
     * {@code category.<level>.<key>} measure against the same pgRouting + PostGIS reference as park coverage, the
     * facilities as origins (each snapped to its street, its offset walked; its own disc of min(50 m, distance)
     * stepping out of its door). Agreement within 0.1 pp.
     */
    @Test
    void lifeCircleOnFootOfTheDemoTownMatchesPgRoutingAndPostgis() throws Exception {
        WalkGraph g = network.graph("demo", List.of("demo-road")).graph();
        List<Feature> facilities = read(LayerKind.FACILITY, "demo-facility");
        List<Feature> parcels = read(LayerKind.RESIDENTIAL, "demo-residential");
        Reply r = get("/api/v1/indicators/life_circle_coverage?layers=demo-residential,demo-facility,demo-road&mode=network");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        EdgeSnapper snapper = new EdgeSnapper(g);
        for (String[] c : new String[][] {{"5min", "kindergarten", "300"}, {"15min", "community_health_center", "1000"}}) {
            double d = Double.parseDouble(c[2]) + 0.001;
            List<Origin> origins = new ArrayList<>();
            for (Feature f : facilities) {
                if (c[1].equals(f.text("category"))) {
                    Snap s = snapper.snapLonLat(f.geometry());
                    origins.add(new Origin(d, g.zone().toMetres(f.geometry()), s.reachable() ? List.of(s) : List.of()));
                }
            }
            double reference = servedGroundReference(g, origins, parcels);
            double api = Double.NaN;
            for (var m : r.json().path("measures")) {
                if (m.path("id").asString().equals("category." + c[0] + "." + c[1])) {
                    api = m.path("value").asDouble();
                }
            }
            System.out.printf(Locale.ROOT, "[pgRouting + PostGIS] demo life circle on foot, %s within %s m: API %.3f %%, "
                    + "reference %.3f %%%n", c[1], c[2], api, reference);
            assertThat(reference).isBetween(1.0, 99.0);
            assertThat(api).as(c[1] + ": API vs reference, pp").isCloseTo(reference, org.assertj.core.api.Assertions.within(0.1));
        }
    }

    /** Where a walk starts: a park (its boundary snaps) or a facility (its snap), serving up to r metres. */
    record Origin(double r, org.locationtech.jts.geom.Geometry metres, List<Snap> snaps) {
    }

    /** The reference share (%) of the parcels' area a walker from the origins reaches within their distance. */
    private double servedGroundReference(WalkGraph g, List<Origin> origins, List<Feature> parcels) throws Exception {
        PgRoutingReference.Export ex = new PgRoutingReference.Export(g);
        Map<Double, List<Long>> starts = new java.util.TreeMap<>();
        StringBuilder startRows = new StringBuilder(), parkRows = new StringBuilder(), parcelRows = new StringBuilder();
        for (Origin o : origins) {
            double r = o.r();
            parkRows.append(r).append(",\"").append(o.metres().toText()).append("\"\n");
            for (Snap s : o.snaps()) {
                long start = ex.newVertex();
                ex.edge(start, ex.split(s), s.offset());
                starts.computeIfAbsent(r, k -> new ArrayList<>()).add(start);
                startRows.append(r).append(',').append(s.x()).append(',').append(s.y()).append(',').append(s.offset())
                        .append('\n');
            }
        }
        for (Feature p : parcels) {
            parcelRows.append('"').append(g.zone().toMetres(p.geometry()).toText()).append("\"\n");
        }
        try (Connection c = dataSource.getConnection()) {
            ex.load(c);
            ex.loadPieces(c);
            try (Statement st = c.createStatement()) {
                st.execute("DROP TABLE IF EXISTS xc_parks; DROP TABLE IF EXISTS xc_starts; DROP TABLE IF EXISTS xc_parcels; "
                        + "DROP TABLE IF EXISTS xc_dist");
                st.execute("CREATE TEMP TABLE xc_parks (r float8, wkt text); CREATE TEMP TABLE xc_starts (r float8, x float8, "
                        + "y float8, off float8); CREATE TEMP TABLE xc_parcels (wkt text); CREATE TEMP TABLE xc_dist (r float8, "
                        + "node bigint, d float8)");
            }
            var copy = c.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
            copy.copyIn("COPY xc_parks FROM STDIN (FORMAT csv)", new java.io.StringReader(parkRows.toString()));
            copy.copyIn("COPY xc_starts FROM STDIN (FORMAT csv)", new java.io.StringReader(startRows.toString()));
            copy.copyIn("COPY xc_parcels FROM STDIN (FORMAT csv)", new java.io.StringReader(parcelRows.toString()));
            for (Map.Entry<Double, List<Long>> e : starts.entrySet()) {
                StringBuilder rows = new StringBuilder();
                PgRoutingReference.drivingDistance(c, e.getValue(), e.getKey(), false)
                        .forEach((node, d) -> rows.append(e.getKey()).append(',').append(node).append(',').append(d).append('\n'));
                copy.copyIn("COPY xc_dist FROM STDIN (FORMAT csv)", new java.io.StringReader(rows.toString()));
            }
            try (Statement st = c.createStatement(); var rs = st.executeQuery(PARK_GROUND)) {
                rs.next();
                double v = rs.getDouble(1);
                st.execute("DROP TABLE xc_edges; DROP TABLE xc_pieces; DROP TABLE xc_geom; DROP TABLE xc_parks; "
                        + "DROP TABLE xc_starts; DROP TABLE xc_parcels; DROP TABLE xc_dist");
                return v;
            }
        }
    }

    /** An extract's parcels: the few residential areas are a thin sample, so buildings stand in for parcels as well. */
    static List<Feature> parcelsOf(Path extract) throws java.io.IOException {
        List<Feature> parcels = new ArrayList<>(TestNetworks.read(extract.resolve("residential.geojson")));
        parcels.addAll(TestNetworks.read(extract.resolve("buildings.geojson")));
        return parcels;
    }

    private List<Feature> read(LayerKind kind, String id) {
        List<Feature> out = new ArrayList<>();
        for (Layer l : layerFeatures.current("demo", kind, List.of(id))) {
            out.addAll(layerFeatures.all(l.current()));
        }
        assertThat(out).as(id).isNotEmpty();
        return out;
    }

    private Agreement check(String what, WalkGraph g, List<Feature> facilities, String category, double cutoff,
            List<Feature> parcels) throws Exception {
        EdgeSnapper snapper = new EdgeSnapper(g);
        List<Snap> sources = new ArrayList<>();
        for (Feature f : facilities) {
            if (category.equals(f.text("category"))) {
                Snap s = snapper.snapLonLat(f.geometry());
                if (s.reachable()) {
                    sources.add(s);
                }
            }
        }
        assumeTrue(!sources.isEmpty(), what + ": no facility of the category");
        List<List<Snap>> access = new ArrayList<>();
        List<Double> areas = new ArrayList<>();
        for (Feature p : parcels) {
            var metres = g.zone().toMetres(p.geometry());
            areas.add(metres.getArea());
            access.add(ParkCoverage.boundarySnaps(metres, snapper, LifeCircle.DEFAULT_ACCESS_SPACING,
                    LifeCircle.DEFAULT_MAX_ACCESS_POINTS));
        }

        // engine: the distances and the life-circle coverage exactly as the server computes them
        long t0 = System.nanoTime();
        NetworkDistances engine = new MultiSourceDijkstra(g).from(sources, cutoff);
        List<Feature> sameCategory = facilities.stream().filter(f -> category.equals(f.text("category"))).toList();
        LifeCircleResult lc = new LifeCircle(g).threshold("check", cutoff)
                .evaluate(sameCategory, parcels, Map.of("check", List.of(category)));
        long engineMillis = (System.nanoTime() - t0) / 1_000_000;

        // pgRouting: the same graph with every snapped point as a vertex
        PgRoutingReference.Export ex = new PgRoutingReference.Export(g);
        List<Long> startVids = new ArrayList<>();
        for (Snap s : sources) {
            long split = ex.split(s);
            long start = ex.newVertex();
            ex.edge(start, split, s.offset());
            startVids.add(start);
        }
        List<long[]> accessVertex = new ArrayList<>();
        for (List<Snap> as : access) {
            long[] v = new long[as.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = ex.split(as.get(i));
            }
            accessVertex.add(v);
        }
        Map<Long, Double> pg;
        Map<Long, Double> pgEquicost;
        long pgMillis;
        try (Connection c = dataSource.getConnection()) {
            ex.load(c);
            long p0 = System.nanoTime();
            pg = PgRoutingReference.drivingDistance(c, startVids, cutoff, false);
            pgMillis = (System.nanoTime() - p0) / 1_000_000;
            pgEquicost = PgRoutingReference.drivingDistance(c, startVids, cutoff, true);
            try (Statement st = c.createStatement()) {
                st.execute("DROP TABLE xc_edges");
            }
        }

        // nodes
        int compared = 0, within = 0;
        double maxDiff = 0;
        List<String> mismatches = new ArrayList<>();
        for (int n = 0; n < g.nodeCount(); n++) {
            double e = engine.nodeDistance(n);
            Double p = pg.get(n + 1L);
            compared++;
            boolean eIn = e <= cutoff - 0.01;
            boolean pIn = p != null && p <= cutoff - 0.01;
            if (e < Double.POSITIVE_INFINITY && p != null) {
                within++;
                maxDiff = Math.max(maxDiff, Math.abs(e - p));
                if (Math.abs(e - p) > 1) {
                    mismatches.add("node " + n + ": engine " + e + " m, pgRouting " + p + " m");
                }
            } else if (eIn || pIn) {
                mismatches.add("node " + n + ": engine " + e + " m, pgRouting " + p + " m (only one side within "
                        + cutoff + " m)");
            }
        }
        assertThat(mismatches).as(what + ": nodes disagreeing").isEmpty();
        // equicost := true should give the same nearest-start distances; pgRouting 3.4 sometimes assigns a node
        // to a start that is not its nearest (a longer agg_cost, or the node missing). It is never shorter.
        int equicostLonger = 0, equicostMissing = 0;
        for (int n = 0; n < g.nodeCount(); n++) {
            double e = engine.nodeDistance(n);
            Double q = pgEquicost.get(n + 1L);
            if (q == null) {
                equicostMissing += e <= cutoff - 0.01 ? 1 : 0;
            } else {
                assertThat(q).as(what + ": equicost distance of node " + n).isGreaterThan(e - 1);
                equicostLonger += q > e + 1 ? 1 : 0;
            }
        }

        // parcels: distance and coverage
        double total = 0, pgCovered = 0;
        double maxParcelDiff = 0;
        List<String> parcelMismatches = new ArrayList<>();
        for (int i = 0; i < parcels.size(); i++) {
            double e = Double.POSITIVE_INFINITY, p = Double.POSITIVE_INFINITY;
            List<Snap> as = access.get(i);
            for (int k = 0; k < as.size(); k++) {
                e = Math.min(e, engine.distanceTo(as.get(k)));
                Double at = pg.get(accessVertex.get(i)[k]);
                if (at != null) {
                    p = Math.min(p, at + as.get(k).offset());
                }
            }
            p = p <= cutoff ? p : Double.POSITIVE_INFINITY;
            if (e < Double.POSITIVE_INFINITY && p < Double.POSITIVE_INFINITY) {
                maxParcelDiff = Math.max(maxParcelDiff, Math.abs(e - p));
                if (Math.abs(e - p) > 1) {
                    parcelMismatches.add("parcel " + i + ": engine " + e + ", pgRouting " + p);
                }
            } else if (e <= cutoff - 0.01 || p <= cutoff - 0.01) {
                parcelMismatches.add("parcel " + i + ": engine " + e + ", pgRouting " + p);
            }
            total += areas.get(i);
            if (p <= cutoff) {
                pgCovered += areas.get(i);
            }
        }
        assertThat(parcelMismatches).as(what + ": parcels disagreeing").isEmpty();
        double pgShare = total > 0 ? pgCovered / total : 0;
        double engineShare = lc.levels().get(0).areaShare();
        Agreement a = new Agreement(what, compared, within, maxDiff, parcels.size(), maxParcelDiff,
                Double.isNaN(engineShare) ? 0 : engineShare, pgShare, engineMillis, pgMillis);
        System.out.println("[pgRouting cross-check] " + a + "; equicost := true: " + equicostLonger
                + " nodes longer, " + equicostMissing + " missing");
        assertThat(Math.abs(a.engineShare() - a.pgShare()) * 100).as(what + ": coverage difference, pp")
                .isLessThanOrEqualTo(0.1);
        return a;
    }
}
