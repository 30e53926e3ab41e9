package org.greenplan.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.union.CascadedPolygonUnion;

/**
 * The land outside the development boundary: ecological red lines (hills, a wetland, the river corridor),
 * permanent farmland between the country roads, villages, and the deliberate control-line conflicts
 * that give the control-line check something to find.
 *
 * <p>Order matters and mirrors how the control lines are drawn in practice: red lines first, then
 * farmland around them and the villages, and only then the (illegal) construction that breaks the rules.
 */
final class Countryside {

    record RedLine(MultiPolygon area, String name, String type) {
    }

    record Farmland(MultiPolygon area, String name, int grade) {
    }

    record Village(Polygon area, String name, List<Polygon> housing) {
    }

    /** Construction land that breaks a control line; {@code breach} says which, for the README. */
    record Conflict(Polygon area, String landUse, String breach) {
    }

    private static final int SUPER = 5;
    private static final int[] GRADES = {1, 2, 2, 3, 3, 3, 4, 4, 5};

    final List<RedLine> redLines = new ArrayList<>();
    final List<Farmland> farmland = new ArrayList<>();
    final List<Village> villages = new ArrayList<>();
    final List<Conflict> conflicts = new ArrayList<>();

    private final StreetGrid grid;
    private final River river;
    private final Geometry boundary;
    private final Geometry tileSquare;
    private final Envelope tile;
    private final SplittableRandom rnd;
    private final PreparedGeometry nearBoundary;

    Countryside(StreetGrid grid, River river, Geometry boundary, Envelope tile, SplittableRandom rnd) {
        this.grid = grid;
        this.river = river;
        this.boundary = boundary;
        this.tile = tile;
        this.tileSquare = Geo.GF.toGeometry(tile);
        this.rnd = rnd;
        this.nearBoundary = PreparedGeometryFactory.prepare(boundary.buffer(30));
        Geometry halo = boundary.buffer(60);
        hills(halo);
        wetlandAndRiverCorridor(halo);
        Geometry red = union(redLines.stream().map(r -> (Geometry) r.area()).toList());
        List<Polygon> superBlocks = ruralSuperBlocks();
        villages(superBlocks, red);
        farmland(superBlocks, red);
        conflicts(red);
    }

    private void hills(Geometry halo) {
        int wanted = 1 + rnd.nextInt(2);
        List<Geometry> placed = new ArrayList<>();
        for (int attempt = 0; attempt < 300 && placed.size() < wanted; attempt++) {
            double r = 350 + 200 * rnd.nextDouble();
            Point c = Geo.GF.createPoint(new Coordinate(tile.getMinX() + 600 + rnd.nextDouble() * (CityLayout.TILE - 1200),
                    tile.getMinY() + 600 + rnd.nextDouble() * (CityLayout.TILE - 1200)));
            if (boundary.distance(c) < 0.6 * r + 150 || river.strip.distance(c) < r + 100
                    || placed.stream().anyMatch(h -> h.distance(c) < r + 150)) {
                continue;
            }
            Polygon blob = Geo.blob(c.getX(), c.getY(), r, 0.25, rnd.nextDouble() * 6.3, rnd.nextDouble() * 6.3, 36);
            MultiPolygon hill = Geo.areas(blob.intersection(tileSquare).difference(halo), 20_000);
            if (!hill.isEmpty()) {
                placed.add(hill);
                redLines.add(new RedLine(hill, Names.pick(Names.HILLS, rnd.nextDouble()) + "生态保护红线", "山体"));
            }
        }
    }

    private void wetlandAndRiverCorridor(Geometry halo) {
        double xw = tile.getMinX() + 700;
        double xe = tile.getMaxX() - 700;
        Point west = Geo.GF.createPoint(new Coordinate(xw, river.centreY(xw)));
        Point east = Geo.GF.createPoint(new Coordinate(xe, river.centreY(xe)));
        Point at = boundary.distance(west) >= boundary.distance(east) ? west : east;
        Geometry hills = union(redLines.stream().map(r -> (Geometry) r.area()).toList());
        Polygon blob = Geo.blob(at.getX(), at.getY() + 60, 260, 0.2, rnd.nextDouble() * 6.3, rnd.nextDouble() * 6.3, 30);
        MultiPolygon wetland = Geo.areas(blob.intersection(tileSquare).difference(halo).difference(hills), 10_000);
        if (!wetland.isEmpty()) {
            redLines.add(new RedLine(wetland, river.name + "湿地生态保护红线", "湿地"));
        }
        // inside the boundary the river is town water; only the stretches outside are protected
        MultiPolygon corridor = Geo.areas(river.strip.intersection(tileSquare).difference(boundary.buffer(20))
                .difference(wetland).difference(hills), 2_000);
        if (!corridor.isEmpty()) {
            redLines.add(new RedLine(corridor, river.name + "河道生态保护红线", "水域"));
        }
    }

    /** The 500 m cells between country roads that lie wholly outside the town. */
    private List<Polygon> ruralSuperBlocks() {
        List<Polygon> out = new ArrayList<>();
        for (int a = 0; a < StreetGrid.N; a += SUPER) {
            for (int b = 0; b < StreetGrid.N; b += SUPER) {
                List<Coordinate> ring = new ArrayList<>();
                for (int k = 0; k < SUPER; k++) {
                    ring.add(grid.node[a + k][b]);
                }
                for (int k = 0; k < SUPER; k++) {
                    ring.add(grid.node[a + SUPER][b + k]);
                }
                for (int k = SUPER; k > 0; k--) {
                    ring.add(grid.node[a + k][b + SUPER]);
                }
                for (int k = SUPER; k > 0; k--) {
                    ring.add(grid.node[a][b + k]);
                }
                Polygon p = Geo.polygon(ring.toArray(Coordinate[]::new));
                if (!nearBoundary.intersects(p)) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    private void villages(List<Polygon> superBlocks, Geometry red) {
        Geometry keepOut = red.buffer(20).union(river.strip.buffer(40));
        int wanted = 4 + rnd.nextInt(3);
        for (int attempt = 0; attempt < 200 && villages.size() < wanted && !superBlocks.isEmpty(); attempt++) {
            Polygon sb = superBlocks.get(rnd.nextInt(superBlocks.size()));
            Coordinate c = sb.getCentroid().getCoordinate();
            Polygon v = Geo.blob(c.x + 60 * (rnd.nextDouble() - 0.5), c.y + 60 * (rnd.nextDouble() - 0.5),
                    80 + 20 * rnd.nextDouble(), 0.15, rnd.nextDouble() * 6.3, rnd.nextDouble() * 6.3, 12);
            if (v.intersects(keepOut) || villages.stream().anyMatch(o -> o.area().intersects(v))) {
                continue;
            }
            String name = Names.pick(Names.VILLAGES, rnd.nextDouble());
            villages.add(new Village(v, name, villageHousing(v)));
        }
    }

    /** Two housing clusters either side of the village lane. */
    private static List<Polygon> villageHousing(Polygon village) {
        Geometry inner = village.buffer(-12);
        Envelope e = inner.getEnvelopeInternal();
        double mid = e.centre().x;
        List<Polygon> out = new ArrayList<>();
        for (Envelope half : List.of(new Envelope(e.getMinX(), mid - 3, e.getMinY(), e.getMaxY()),
                new Envelope(mid + 3, e.getMaxX(), e.getMinY(), e.getMaxY()))) {
            MultiPolygon part = Geo.areas(inner.intersection(Geo.GF.toGeometry(half)), 500);
            if (part.getNumGeometries() > 0) {
                out.add((Polygon) part.getGeometryN(0));
            }
        }
        return out;
    }

    private void farmland(List<Polygon> superBlocks, Geometry red) {
        Geometry keepOut = union(List.of(red.buffer(10), river.strip.buffer(25),
                union(villages.stream().map(v -> (Geometry) v.area()).toList()).buffer(15)));
        for (Polygon sb : superBlocks) {
            if (rnd.nextDouble() > 0.75) {
                continue; // ordinary farmland, orchards, woods: not under permanent protection
            }
            MultiPolygon f = Geo.areas(sb.buffer(-10).difference(keepOut), 5_000);
            if (f.getArea() > 10_000) {
                String name = Names.pick(Names.VILLAGES, rnd.nextDouble()) + "永久基本农田保护片";
                farmland.add(new Farmland(f, name, GRADES[rnd.nextInt(GRADES.length)]));
            }
        }
    }

    private void conflicts(Geometry red) {
        // 1: a village spreads onto permanent farmland
        for (int attempt = 0; attempt < 50 && !farmland.isEmpty(); attempt++) {
            Farmland f = farmland.get(rnd.nextInt(farmland.size()));
            Coordinate c = f.area().getInteriorPoint().getCoordinate();
            Polygon r = Geo.rectangle(c.x, c.y, 60, 45);
            if (f.area().contains(r)) {
                conflicts.add(new Conflict(r, "village", "overlaps permanent farmland " + f.name()));
                break;
            }
        }
        // 2: village housing creeps into a hill red line
        for (RedLine l : redLines) {
            if (l.type().equals("山体")) {
                Coordinate[] ring = ((Polygon) l.area().getGeometryN(0)).getExteriorRing().getCoordinates();
                Coordinate c = ring[rnd.nextInt(ring.length - 1)];
                conflicts.add(new Conflict(Geo.rectangle(c.x, c.y, 70, 50), "village", "overlaps ecological red line " + l.name()));
                break;
            }
        }
        // 3 and 4: industry and commerce built outside the development boundary
        Geometry taken = union(List.of(red.buffer(10), river.strip.buffer(20),
                union(farmland.stream().map(f -> (Geometry) f.area()).toList()),
                union(villages.stream().map(v -> (Geometry) v.area()).toList()),
                union(conflicts.stream().map(c -> (Geometry) c.area()).toList())));
        PreparedGeometry blocked = PreparedGeometryFactory.prepare(taken);
        STRtree roads = new STRtree();
        for (RoadEdge e : grid.edges) {
            roads.insert(e.line().getEnvelopeInternal(), e);
        }
        outside("industrial", 120, 80, 200, 3000, blocked, roads);
        outside("commercial", 60, 50, 40, 150, blocked, roads);
    }

    private void outside(String use, double w, double h, double minDist, double maxDist, PreparedGeometry blocked, STRtree roads) {
        for (int attempt = 0; attempt < 3000; attempt++) {
            double x = tile.getMinX() + 200 + rnd.nextDouble() * (CityLayout.TILE - 400);
            double y = tile.getMinY() + 200 + rnd.nextDouble() * (CityLayout.TILE - 400);
            Polygon r = Geo.rectangle(x, y, w, h);
            double d = boundary.distance(r);
            if (d < minDist || d > maxDist || blocked.intersects(r)) {
                continue;
            }
            boolean onRoad = false;
            for (Object o : roads.query(r.getEnvelopeInternal())) {
                onRoad |= ((RoadEdge) o).line().intersects(r);
            }
            if (!onRoad) {
                conflicts.add(new Conflict(r, use, "outside the town development boundary"));
                return;
            }
        }
    }

    private static Geometry union(List<Geometry> parts) {
        List<Geometry> nonEmpty = parts.stream().filter(g -> !g.isEmpty()).toList();
        return nonEmpty.isEmpty() ? Geo.GF.createPolygon() : CascadedPolygonUnion.union(nonEmpty);
    }
}
