package org.greenplan.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.locationtech.jts.operation.buffer.BufferParameters;
import org.locationtech.jts.operation.union.CascadedPolygonUnion;

/**
 * Parks of every size the coverage rules distinguish: one 综合公园 of about 10 ha over a patch of
 * blocks, 社区公园 of 1.5–3.5 ha, block-sized 游园, and pocket parks cut from housing-block corners.
 * Several are sized just under and just over the 2,000 m² and 5,000 m² thresholds of the 城市体检
 * coverage rule, so an engine that gets the comparison wrong gives a visibly different answer.
 */
final class ParkPlacement {

    record Park(Polygon area, String name, String parkClass) {
    }

    /** Pocket parks cut from housing blocks, m²; the 19xx/20xx pairs straddle the 2,000 m² rule. */
    static final double[] POCKET_SIZES = {300, 420, 650, 900, 1300, 1700, 1940, 1975, 2030, 2100};
    /** Shrunken block parks straddling the 5,000 m² rule; 0 means the whole block. */
    static final double[] GARDEN_SIZES = {4880, 5120, 0, 0};

    private final LandUsePlan plan;
    private final StreetGrid grid;
    private final SplittableRandom rnd;
    final List<Park> parks = new ArrayList<>();

    ParkPlacement(LandUsePlan plan, StreetGrid grid, SplittableRandom rnd) {
        this.plan = plan;
        this.grid = grid;
        this.rnd = rnd;
    }

    /** Parks that take whole blocks; must run before zoning hands the remaining blocks out. */
    void placeParkBlocks() {
        if (!patch(3, 4, "综合公园", "公园") && !patch(3, 3, "综合公园", "公园")) {
            patch(2, 3, "综合公园", "公园");
        }
        patch(2, 2, "社区公园", "社区公园");
        patch(2, 2, "社区公园", "社区公园");
        patch(1, 2, "社区公园", "社区公园");
        patch(2, 1, "社区公园", "社区公园");
        for (double size : GARDEN_SIZES) {
            garden(size);
        }
        // a second 综合公园, as a county town of this size has (a town park and a riverside or hill park)
        patch(3, 3, "综合公园", "公园");
        neighbourhoodParks();
    }

    /** Lattice of the neighbourhood parks, in blocks: about one 社区公园 per 700 m, a county town's provision. */
    private static final int PARK_LATTICE = 7;
    /** Share of lattice points left without a park: the neighbourhoods the park gap map shows. */
    private static final double PARK_GAP_SHARE = 0.25;

    /**
     * 社区公园 of 2–6 blocks spread over the town on a lattice, so park provision reaches a county
     * town's 10–14 m² per resident and most housing lies within a park's service radius; a quarter of the
     * lattice points stay without one. Whole-block patches add no streets (their streets become park paths),
     * so the street network keeps its segments.
     */
    private void neighbourhoodParks() {
        for (int gi = PARK_LATTICE / 2; gi < StreetGrid.N; gi += PARK_LATTICE) {
            for (int gj = PARK_LATTICE / 2; gj < StreetGrid.N; gj += PARK_LATTICE) {
                double size = rnd.nextDouble();
                if (rnd.nextDouble() < PARK_GAP_SHARE) {
                    continue;
                }
                int w = size < 0.5 ? 3 : 2;
                int h = size < 0.9 ? 2 : 1;
                patchNear(gi, gj, w, h, "社区公园");
            }
        }
    }

    /** A park of w × h blocks at the first free spot within two blocks of (gi, gj). */
    private void patchNear(int gi, int gj, int w, int h, String parkClass) {
        for (int r = 0; r <= 2; r++) {
            for (int di = -r; di <= r; di++) {
                for (int dj = -r; dj <= r; dj++) {
                    int i = gi + di;
                    int j = gj + dj;
                    if (Math.max(Math.abs(di), Math.abs(dj)) == r && i >= 0 && j >= 0 && i + w <= StreetGrid.N
                            && j + h <= StreetGrid.N && allFree(i, j, w, h)) {
                        take(i, j, w, h, parkClass, parkClass);
                        return;
                    }
                }
            }
        }
    }

    private boolean patch(int w, int h, String parkClass, String suffix) {
        for (int attempt = 0; attempt < 400; attempt++) {
            int i = rnd.nextInt(StreetGrid.N - w + 1);
            int j = rnd.nextInt(StreetGrid.N - h + 1);
            if (!allFree(i, j, w, h)) {
                continue;
            }
            take(i, j, w, h, parkClass, suffix);
            return true;
        }
        return false;
    }

    /** Turns blocks (i, j) … (i + w − 1, j + h − 1) into one park. */
    private void take(int i, int j, int w, int h, String parkClass, String suffix) {
        List<Geometry> quads = new ArrayList<>();
        for (int a = i; a < i + w; a++) {
            for (int b = j; b < j + h; b++) {
                plan.block[a][b].use = Block.Use.PARK;
                quads.add(plan.block[a][b].quad);
            }
        }
        String name = name(suffix);
        Geometry area = CascadedPolygonUnion.union(quads).buffer(-LandUsePlan.SETBACK, 1, BufferParameters.CAP_FLAT);
        parks.add(new Park((Polygon) area, name, parkClass));
        // the streets a park swallows become its paths, so the walking network still crosses it
        for (int a = i; a < i + w; a++) {
            for (int b = j; b < j + h; b++) {
                if (a > i) {
                    toPath(grid.vEdge[a][b], name);
                }
                if (b > j) {
                    toPath(grid.hEdge[a][b], name);
                }
            }
        }
    }

    private boolean allFree(int i, int j, int w, int h) {
        for (int a = i; a < i + w; a++) {
            for (int b = j; b < j + h; b++) {
                Block blk = plan.at(a, b);
                if (blk == null || !blk.free()) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void toPath(RoadEdge e, String parkName) {
        e.roadClass = "footway";
        e.name = parkName + "园路";
    }

    private void garden(double size) {
        Block b = randomBlock(Block.Use.PARK, null);
        if (b == null) {
            return;
        }
        Polygon area = b.inner;
        if (size > 0 && size < area.getArea()) {
            Coordinate c = area.getCentroid().getCoordinate();
            double f = Math.sqrt(size / area.getArea());
            area = (Polygon) AffineTransformation.scaleInstance(f, f, c.x, c.y).transform(area);
        }
        String name = name("游园");
        parks.add(new Park(area, name, "游园"));
        crossPaths(grid, b, name + "园路");
    }

    /** Pocket parks in housing-block corners; runs after zoning, when the housing blocks are known. */
    void placePocketParks() {
        for (double size : POCKET_SIZES) {
            Block b = randomBlock(null, Block.Use.RESIDENTIAL);
            if (b == null) {
                return;
            }
            Polygon area = cutCorner(b, rnd.nextInt(4), size);
            parks.add(new Park(area, name(size < 1000 ? "口袋公园" : "游园"), size < 1000 ? "口袋公园" : "游园"));
        }
    }

    /** Picks a free block (then marks it {@code mark}) or a block of use {@code want} without a corner park. */
    private Block randomBlock(Block.Use mark, Block.Use want) {
        for (int attempt = 0; attempt < 400 && !plan.blocks.isEmpty(); attempt++) {
            Block b = plan.blocks.get(rnd.nextInt(plan.blocks.size()));
            if (want == null && b.free()) {
                b.use = mark;
                return b;
            }
            if (want != null && b.use == want && b.cornerPark == null) {
                return b;
            }
        }
        return null;
    }

    /** Cuts a park of {@code size} m² out of corner k of a housing block, leaving a 3 m verge; returns the park. */
    static Polygon cutCorner(Block b, int k, double size) {
        double side = cornerSide(b, k, size);
        b.cornerPark = (Polygon) Geo.areas(parallelogram(b, k, side + b.setback).intersection(b.inner), 1).getGeometryN(0);
        b.cornerCut = parallelogram(b, k, side + b.setback + 3);
        return b.cornerPark;
    }

    /** The side length that gives a corner park of {@code size} m² once clipped to the block's inner area. */
    private static double cornerSide(Block b, int k, double size) {
        double s = Math.sqrt(size);
        for (int iteration = 0; iteration < 4; iteration++) {
            double area = parallelogram(b, k, s + b.setback).intersection(b.inner).getArea();
            s *= Math.sqrt(size / area);
        }
        return s;
    }

    /** A parallelogram with side {@code l} in corner k of the block, edges along its two streets. */
    private static Polygon parallelogram(Block b, int k, double l) {
        Coordinate c0 = b.corner(k);
        Coordinate u = unit(c0, b.corner((k + 1) % 4));
        Coordinate v = unit(c0, b.corner((k + 3) % 4));
        return Geo.polygon(c0, new Coordinate(c0.x + l * u.x, c0.y + l * u.y),
                new Coordinate(c0.x + l * (u.x + v.x), c0.y + l * (u.y + v.y)), new Coordinate(c0.x + l * v.x, c0.y + l * v.y));
    }

    private static Coordinate unit(Coordinate from, Coordinate to) {
        double d = from.distance(to);
        return new Coordinate((to.x - from.x) / d, (to.y - from.y) / d);
    }

    /** Paths from the four corners of a block to a new node at its centre (park paths, plazas). */
    static void crossPaths(StreetGrid grid, Block b, String name) {
        Coordinate centre = b.quad.getCentroid().getCoordinate();
        Coordinate c = new Coordinate(CityLayout.round2(centre.x), CityLayout.round2(centre.y));
        for (int k = 0; k < 4; k++) {
            grid.blockPath(b.corner(k), c, name);
        }
    }

    private String name(String suffix) {
        return Names.pick(Names.PARK_WORDS, rnd.nextDouble()) + suffix;
    }
}
