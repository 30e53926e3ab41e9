package org.greenplan.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.greenplan.ServerTestSupport;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The z 12 overviews against the real PostGIS: built after publishing, read once ready, the same footprint as
 * the live query within a pixel, rebuilt for a new version, gone with the layer. The layers are laid out so
 * the footprints can be worked out by hand: blocks of 5 × 5 parcels of 0.0008° (2.3 px at z 12) with gaps of
 * 0.0001° (0.3 px, closed by the overview) and a street grid made of 2-point segments.
 */
class TileOverviewsTest extends ServerTestSupport {

    private static final int Z = TileOverviews.ZOOMS.get(0);
    /** One pixel in tile units (4096 across, 256 px). */
    private static final double PX = TileRepository.EXTENT / 256.0;
    private static final double PARCEL = 0.0008;
    private static final double GAP = 0.0001;

    @Autowired
    TileRepository repository;
    @Autowired
    TileOverviews overviews;

    /** The z 12 tile the test layers lie in, well inside it (its west/north corner + 0.01°). */
    private static final int TX = (int) Math.floor(TilesApiTest.tileX(120.53, Z));
    private static final int TY = (int) Math.floor(TilesApiTest.tileY(30.03, Z));
    private static final double WEST = TilesApiTest.lon(TX, Z) + 0.01;
    private static final double NORTH = TilesApiTest.lat(TY, Z) - 0.01;

    /** Tile units of a lon/lat, by the textbook mercator formulas. */
    private static double ux(double lon) {
        return (TilesApiTest.tileX(lon, Z) - TX) * TileRepository.EXTENT;
    }

    private static double uy(double lat) {
        return (TilesApiTest.tileY(lat, Z) - TY) * TileRepository.EXTENT;
    }

    private static String polygon(double x, double y, double w, double h) {
        return """
                {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}}"""
                .formatted(x, y, x + w, y, x + w, y + h, x, y + h, x, y);
    }

    /** West corner x of block b; blocks are 0.01° apart. */
    private static double blockX(int b) {
        return WEST + b * 0.01;
    }

    private static final double BLOCK_Y = NORTH - 0.02;
    private static final double BLOCK = 5 * PARCEL + 4 * GAP;

    /** Two 0.004° squares (12 px) overlapping by half, like a district and a town: too large to merge. */
    private static final double DISTRICT = 0.004;
    private static final double DISTRICT_X = WEST + 0.05;

    private static String parcels(int blocks) {
        return parcels(blocks, false);
    }

    private static String parcels(int blocks, boolean districts) {
        List<String> f = new ArrayList<>();
        if (districts) {
            f.add(polygon(DISTRICT_X, BLOCK_Y, DISTRICT, DISTRICT));
            f.add(polygon(DISTRICT_X + DISTRICT / 2, BLOCK_Y, DISTRICT, DISTRICT));
        }
        for (int b = 0; b < blocks; b++) {
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 5; j++) {
                    f.add(polygon(blockX(b) + i * (PARCEL + GAP), BLOCK_Y + j * (PARCEL + GAP), PARCEL, PARCEL));
                }
            }
        }
        // a lone 0.0002° parcel, 0.6 px: under a pixel, so neither the live query nor the overview draws it
        f.add(polygon(WEST + 0.04, BLOCK_Y, 0.0002, 0.0002));
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", f) + "]}";
    }

    /** 4 east-west and 4 north-south streets 0.006° apart, 0.024° long, each of 8 named 2-point segments. */
    private static String streets() {
        List<String> f = new ArrayList<>();
        double x0 = WEST;
        double y0 = NORTH - 0.05;
        for (int s = 0; s < 4; s++) {
            for (int k = 0; k < 8; k++) {
                double a = k * 0.003;
                f.add(segment("东西路" + s, x0 + a, y0 + s * 0.006, x0 + a + 0.003, y0 + s * 0.006));
                f.add(segment("南北路" + s, x0 + s * 0.006, y0 + a, x0 + s * 0.006, y0 + a + 0.003));
            }
        }
        // a lane of 10 segments of 0.0002° (0.6 px) each: the live query leaves every segment out, so the
        // overview must not chain them into a 6 px line
        for (int k = 0; k < 10; k++) {
            f.add(segment("短巷", x0 + 0.04 + k * 0.0002, y0, x0 + 0.04 + (k + 1) * 0.0002, y0));
        }
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", f) + "]}";
    }

    private static String segment(String name, double x1, double y1, double x2, double y2) {
        return """
                {"type":"Feature","properties":{"name":"%s","class":"branch"},"geometry":{"type":"LineString","coordinates":[[%s,%s],[%s,%s]]}}"""
                .formatted(name, x1, y1, x2, y2);
    }

    private long create(String id, String kind, String geojson) throws Exception {
        Reply r = send("POST", "/api/v1/layers?name=" + id + "&kind=" + kind + "&id=" + id, ADMIN,
                "application/geo+json", geojson);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(overviews.awaitIdle(60, TimeUnit.SECONDS)).isTrue();
        return currentVersion(id);
    }

    private long currentVersion(String id) {
        return jdbc.queryForObject("SELECT current_version_id FROM layer WHERE id = ?", Long.class, id);
    }

    private long overviewRows(long versionId) {
        return jdbc.queryForObject("SELECT count(*) FROM feature_overview WHERE version_id = ?", Long.class, versionId)
                + jdbc.queryForObject("SELECT count(*) FROM feature_overview_ready WHERE version_id = ?", Long.class,
                        versionId);
    }

    /**
     * Every point of either footprint lies within one pixel of the other (a Hausdorff distance of the point
     * sets, areas included, ≤ 1 px): nothing of one is left outside the other grown by a pixel (the length
     * of what is left, perimeter or line, under a thousandth of a unit).
     */
    private static void assertWithinAPixel(Geometry live, Geometry overview) {
        assertThat(overview.difference(live.buffer(PX)).getLength()).as("overview outside live + 1 px").isLessThan(1e-3);
        assertThat(live.difference(overview.buffer(PX)).getLength()).as("live outside overview + 1 px").isLessThan(1e-3);
    }

    private static Geometry union(List<Geometry> g) {
        return UnaryUnionOp.union(g, new GeometryFactory());
    }

    private List<Geometry> tile(long versionId, boolean overview) {
        return repository.geometries(versionId, new TileAddress(Z, TX, TY), overview);
    }

    /**
     * The vector tile a PNG is drawn from ({@link TileRepository#drawable}, read by {@link VectorTileGeometry})
     * holds exactly the vertices of the same query as WKB (read by JTS), ring by ring and line by line.
     */
    private void assertDrawableHoldsTheWkbVertices(long versionId, boolean overview) {
        List<String> expected = new ArrayList<>();
        for (Geometry g : tile(versionId, overview)) {
            for (int i = 0; i < g.getNumGeometries(); i++) {
                Geometry part = g.getGeometryN(i);
                if (part instanceof org.locationtech.jts.geom.Polygon p) {
                    expected.add(ring(p.getExteriorRing()));
                    for (int h = 0; h < p.getNumInteriorRing(); h++) {
                        expected.add(ring(p.getInteriorRingN(h)));
                    }
                } else {
                    expected.add(vertices(part.getCoordinates(), part.getNumPoints()));
                }
            }
        }
        List<String> decoded = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        VectorTileGeometry.read(repository.drawable(versionId, new TileAddress(Z, TX, TY), overview),
                new VectorTileGeometry.Sink() {
                    @Override
                    public void feature(int type) {
                        flush();
                    }

                    @Override
                    public void moveTo(int x, int y) {
                        flush();
                        part.append((double) x).append(' ').append((double) y);
                    }

                    @Override
                    public void lineTo(int x, int y) {
                        part.append(',').append((double) x).append(' ').append((double) y);
                    }

                    @Override
                    public void closePath() {
                        flush();
                    }

                    private void flush() {
                        if (!part.isEmpty()) {
                            decoded.add(part.toString());
                            part.setLength(0);
                        }
                    }
                });
        if (!part.isEmpty()) {
            decoded.add(part.toString());
        }
        assertThat(expected).isNotEmpty();
        assertThat(decoded).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** A ring's vertices without the closing repeat of the first (a vector tile closes it with ClosePath). */
    private static String ring(org.locationtech.jts.geom.LineString ring) {
        return vertices(ring.getCoordinates(), ring.getNumPoints() - 1);
    }

    private static String vertices(org.locationtech.jts.geom.Coordinate[] c, int n) {
        List<String> xy = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            xy.add(c[k].x + " " + c[k].y);
        }
        return String.join(",", xy);
    }

    @Test
    void parcelOverviewCoversTheLiveFootprintWithinAPixelAndClosesSubPixelGaps() throws Exception {
        long v = create("t-ov-parcels", "residential", parcels(2, true));
        assertThat(repository.source("demo", "t-ov-parcels", null).orElseThrow().overview(Z)).isTrue();

        List<Geometry> liveParts = tile(v, false);
        List<Geometry> overviewParts = tile(v, true);
        assertThat(liveParts).as("the 50 parcels and 2 districts, not the sub-pixel parcel").hasSize(52);
        // the districts keep their own outlines (the overlap is not unioned away): two squares of ~12 px, their
        // area as by hand up to snapping their ~800-unit perimeter by half a unit (400 units²), twice that allowed
        assertThat(overviewParts.stream().filter(g -> g.getEnvelopeInternal().getMinX() > ux(DISTRICT_X) - PX).toList())
                .hasSize(2).allSatisfy(g -> assertThat(g.getArea()).isCloseTo(
                        (ux(DISTRICT_X + DISTRICT) - ux(DISTRICT_X)) * (uy(BLOCK_Y) - uy(BLOCK_Y + DISTRICT)),
                        within(800.0)));
        Geometry live = union(liveParts);
        Geometry overview = union(overviewParts);

        // by hand: the live tile is 50 parcels, the overview two whole blocks (the 0.3 px gaps closed);
        // 2% covers the half-pixel snapping of block edges about 60 px around (1 unit in ~1,100)
        double parcelArea = 0;
        double blockArea = 0;
        for (int b = 0; b < 2; b++) {
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 5; j++) {
                    double x = blockX(b) + i * (PARCEL + GAP);
                    double y = BLOCK_Y + j * (PARCEL + GAP);
                    parcelArea += (ux(x + PARCEL) - ux(x)) * (uy(y) - uy(y + PARCEL));
                }
            }
            blockArea += (ux(blockX(b) + BLOCK) - ux(blockX(b))) * (uy(BLOCK_Y) - uy(BLOCK_Y + BLOCK));
        }
        double districts = (ux(DISTRICT_X + 1.5 * DISTRICT) - ux(DISTRICT_X)) * (uy(BLOCK_Y) - uy(BLOCK_Y + DISTRICT));
        parcelArea += districts;
        blockArea += districts;
        assertThat(live.getArea()).isCloseTo(parcelArea, within(parcelArea * 0.02));
        assertThat(overview.getArea()).isCloseTo(blockArea, within(blockArea * 0.02));
        assertThat(overview.getNumGeometries()).as("one polygon per block, one for the districts").isEqualTo(3);

        assertWithinAPixel(live, overview);
        // and the overview covers everything the live tile draws (closing only adds)
        assertThat(live.difference(overview).getArea()).isLessThan(parcelArea * 0.01);

        assertDrawableHoldsTheWkbVertices(v, false);
        assertDrawableHoldsTheWkbVertices(v, true);
    }

    @Test
    void streetOverviewChainsSegmentsAndKeepsTheirLinesWithinAPixel() throws Exception {
        long v = create("t-ov-streets", "road", streets());
        List<Geometry> liveParts = tile(v, false);
        List<Geometry> overviewParts = tile(v, true);
        assertThat(liveParts).hasSize(64);
        // 8 named streets; a street crossing the border of two overview cells (z 13 tiles) is two pieces
        assertThat(overviewParts.size()).isBetween(1, 16);
        Geometry live = union(liveParts);
        Geometry overview = union(overviewParts);

        // by hand: 4 east-west streets 0.024° long, 4 north-south ones from y0 to y0 + 0.024°
        double y0 = NORTH - 0.05;
        double length = 0;
        for (int s = 0; s < 4; s++) {
            length += ux(WEST + 0.024) - ux(WEST);
            length += uy(y0) - uy(y0 + 0.024);
        }
        assertThat(live.getLength()).isCloseTo(length, within(length * 0.01));
        assertThat(overview.getLength()).isCloseTo(length, within(length * 0.01));
        assertWithinAPixel(live, overview);
        assertDrawableHoldsTheWkbVertices(v, false);
        assertDrawableHoldsTheWkbVertices(v, true);
        // chained and simplified: each street piece a straight 2-point line, not 8 segments (128 ends)
        assertThat(overviewParts.stream().mapToInt(Geometry::getNumPoints).sum()).isLessThanOrEqualTo(
                2 * overviewParts.stream().mapToInt(Geometry::getNumGeometries).sum()).isLessThanOrEqualTo(32);
    }

    @Test
    void zoom12And13TilesReadTheOverviewsOnceReadyAndZoom14DoesNot() throws Exception {
        create("t-ov-counted", "residential", parcels(1));
        long before = get("/tiles/cache").json().path("overviewBuilds").asLong();
        for (String f : new String[] {"png", "mvt"}) {
            Reply r = get("/tiles/t-ov-counted/" + Z + "/" + TX + "/" + TY + "." + f);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.headers().firstValue("X-Tile-Cache").orElse("")).isEqualTo("miss");
        }
        assertThat(get("/tiles/cache").json().path("overviewBuilds").asLong()).isEqualTo(before + 2);
        // z 13: its own overview; z 14: the live query
        for (int z : new int[] {13, 14}) {
            Reply r = get("/tiles/t-ov-counted/" + z + "/" + (int) Math.floor(TilesApiTest.tileX(blockX(0) + 0.001, z))
                    + "/" + (int) Math.floor(TilesApiTest.tileY(BLOCK_Y + 0.001, z)) + ".mvt");
            assertThat(r.status()).isEqualTo(200);
            assertThat(get("/tiles/cache").json().path("overviewBuilds").asLong()).as("after z " + z)
                    .isEqualTo(before + 3);
        }

        // an overview lost (say, a restart before it was built) is built again at start-up
        long v = currentVersion("t-ov-counted");
        jdbc.update("DELETE FROM feature_overview_ready WHERE version_id = ?", v);
        jdbc.update("DELETE FROM feature_overview WHERE version_id = ?", v);
        overviews.buildMissing();
        assertThat(overviews.awaitIdle(60, TimeUnit.SECONDS)).isTrue();
        assertThat(jdbc.queryForList("SELECT level FROM feature_overview_ready WHERE version_id = ? ORDER BY level",
                Integer.class, v)).isEqualTo(TileOverviews.ZOOMS);
    }

    @Test
    void aNewVersionRebuildsTheOverviewAndADeletedLayerLeavesNone() throws Exception {
        String id = "t-ov-versions";
        long v1 = create(id, "residential", parcels(2));
        assertThat(overviewRows(v1)).isGreaterThan(1);
        double twoBlocks = union(tile(v1, true)).getArea();

        Reply r = send("POST", "/api/v1/layers/" + id + "/versions", ADMIN, "application/geo+json", parcels(1));
        assertThat(r.status()).as(r.body()).isIn(200, 201);
        assertThat(overviews.awaitIdle(60, TimeUnit.SECONDS)).isTrue();
        long v2 = currentVersion(id);
        assertThat(v2).isNotEqualTo(v1);
        assertThat(overviewRows(v1)).as("the superseded version's overview is dropped").isZero();
        assertThat(overviewRows(v2)).isGreaterThan(1);
        assertThat(repository.source("demo", id, null).orElseThrow().overview(Z)).isTrue();
        assertThat(repository.source("demo", id, 1).orElseThrow().overview(Z)).as("version 1 now reads live").isFalse();
        assertThat(union(tile(v2, true)).getArea()).as("one block of the two").isCloseTo(twoBlocks / 2,
                within(twoBlocks * 0.01));

        assertThat(send("DELETE", "/api/v1/layers/" + id, ADMIN, null, null).status()).isEqualTo(204);
        assertThat(overviews.awaitIdle(60, TimeUnit.SECONDS)).isTrue();
        assertThat(overviewRows(v1) + overviewRows(v2)).isZero();
    }
}
