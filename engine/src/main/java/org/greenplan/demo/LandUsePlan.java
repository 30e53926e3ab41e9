package org.greenplan.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.operation.buffer.BufferParameters;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.operation.union.CascadedPolygonUnion;

/**
 * The town's land-use plan on its blocks: which block is housing, industry, commerce, public services,
 * park or road reserve, and the residential parcels (小区) with their population.
 *
 * <p>Uses are assigned in planning order: parks first (they need whole blocks), then an industrial
 * quarter at the edge of town, commerce near the centre and along the primary roads, public-service
 * blocks scattered, and housing everywhere else.
 */
final class LandUsePlan {

    static final double SETBACK = 8.0;
    static final double SETBACK_PRIMARY = 12.0;
    static final double PEOPLE_PER_HOUSEHOLD = 2.8;

    final StreetGrid grid;
    final Block[][] block = new Block[StreetGrid.N][StreetGrid.N];
    final List<Block> blocks = new ArrayList<>();

    LandUsePlan(StreetGrid grid) {
        this.grid = grid;
        Geometry viaduct = grid.overpassLine() == null ? null : grid.overpassLine().buffer(20);
        PreparedGeometry underViaduct = viaduct == null ? null : PreparedGeometryFactory.prepare(viaduct);
        for (int i = 0; i < StreetGrid.N; i++) {
            for (int j = 0; j < StreetGrid.N; j++) {
                if (!enclosed(i, j)) {
                    continue;
                }
                Polygon quad = Geo.polygon(grid.node[i][j], grid.node[i + 1][j], grid.node[i + 1][j + 1],
                        grid.node[i][j + 1]);
                boolean onPrimary = isPrimary(grid.hEdge[i][j]) || isPrimary(grid.hEdge[i][j + 1])
                        || isPrimary(grid.vEdge[i][j]) || isPrimary(grid.vEdge[i + 1][j]);
                double setback = onPrimary ? SETBACK_PRIMARY : SETBACK;
                Block b = new Block(i, j, quad, shrink(quad, setback), setback);
                if (underViaduct != null && underViaduct.intersects(quad)) {
                    b.use = Block.Use.ROAD; // land under the viaduct stays a green road reserve
                }
                block[i][j] = b;
                blocks.add(b);
            }
        }
    }

    /** A town block exists where four town streets close a cell. */
    private boolean enclosed(int i, int j) {
        return grid.urban[i][j] && grid.urban[i + 1][j] && grid.urban[i + 1][j + 1] && grid.urban[i][j + 1]
                && grid.hEdge[i][j] != null && grid.hEdge[i][j + 1] != null
                && grid.vEdge[i][j] != null && grid.vEdge[i + 1][j] != null;
    }

    private static boolean isPrimary(RoadEdge e) {
        return e != null && e.roadClass.equals("primary");
    }

    /** Inward offset of a convex quadrilateral; mitred so the corners stay square like real plots. */
    static Polygon shrink(Polygon quad, double d) {
        return (Polygon) quad.buffer(-d, 1, BufferParameters.CAP_FLAT);
    }

    Block at(int i, int j) {
        return i >= 0 && j >= 0 && i < StreetGrid.N && j < StreetGrid.N ? block[i][j] : null;
    }

    /** Industry gathers in one quarter at the edge of town; commerce and services spread inwards. */
    void zone(SplittableRandom rnd, Coordinate townCentre) {
        List<Block> edgeBlocks = new ArrayList<>();
        for (Block b : blocks) {
            if (b.free() && b.centre().distance(townCentre) > 1400) {
                edgeBlocks.add(b);
            }
        }
        if (!edgeBlocks.isEmpty()) {
            Coordinate seed = edgeBlocks.get(rnd.nextInt(edgeBlocks.size())).centre();
            for (Block b : blocks) {
                if (b.free() && b.centre().distance(seed) < 650) {
                    b.use = Block.Use.INDUSTRIAL;
                }
            }
        }
        for (Block b : blocks) {
            if (!b.free()) {
                continue;
            }
            double d = b.centre().distance(townCentre);
            boolean onPrimary = b.setback > SETBACK;
            double commerce = 0.22 * Math.exp(-d / 900) + (onPrimary ? 0.12 : 0.02);
            double r = rnd.nextDouble();
            if (r < commerce) {
                b.use = Block.Use.COMMERCIAL;
            } else if (r < commerce + 0.09) {
                b.use = Block.Use.PUBLIC;
            } else {
                b.use = Block.Use.RESIDENTIAL;
            }
        }
    }

    /** Residential parcels: one per block, or two halves divided by an estate road in about 1 in 8 blocks. */
    List<Parcel> parcels(SplittableRandom rnd) {
        List<Parcel> out = new ArrayList<>();
        for (Block b : blocks) {
            if (b.use != Block.Use.RESIDENTIAL) {
                continue;
            }
            if (b.cornerPark != null) {
                out.add(Parcel.housing(b.buildable(), rnd));
            } else if (rnd.nextDouble() < 0.12) {
                for (Polygon half : halves(b)) {
                    out.add(Parcel.housing(half, rnd));
                }
            } else {
                out.add(Parcel.housing(b.inner, rnd));
            }
        }
        return out;
    }

    /** Halves divided across the longer side; each half keeps the block's setback on all sides. */
    private static List<Polygon> halves(Block b) {
        Coordinate[] c = b.quad.getExteriorRing().getCoordinates();
        double setback = b.setback;
        boolean wide = c[0].distance(c[1]) >= c[1].distance(c[2]);
        Coordinate a0 = wide ? c[0] : c[1];
        Coordinate a1 = wide ? c[1] : c[2];
        Coordinate a2 = wide ? c[2] : c[3];
        Coordinate a3 = wide ? c[3] : c[0];
        Coordinate m01 = mid(a0, a1);
        Coordinate m23 = mid(a2, a3);
        return List.of(shrink(Geo.polygon(a0, m01, m23, a3), setback), shrink(Geo.polygon(m01, a1, a2, m23), setback));
    }

    private static Coordinate mid(Coordinate a, Coordinate b) {
        return new Coordinate(CityLayout.round2((a.x + b.x) / 2), CityLayout.round2((a.y + b.y) / 2));
    }

    /** The streets' own land: everything between the town blocks' inner edges. */
    Geometry roadLand(List<Polygon> parkOutlines) {
        List<Geometry> quads = new ArrayList<>();
        List<Geometry> inside = new ArrayList<>(parkOutlines);
        for (Block b : blocks) {
            quads.add(b.quad);
            inside.add(b.inner);
        }
        Geometry all = CascadedPolygonUnion.union(quads);
        return all.difference(CascadedPolygonUnion.union(inside));
    }
}
