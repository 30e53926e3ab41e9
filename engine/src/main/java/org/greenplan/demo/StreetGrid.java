package org.greenplan.demo;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.LineString;

/**
 * The street network of one tile: a jittered, gently warped grid of 100 m blocks inside the urban core
 * and a 500 m grid of country roads outside it, cut by the river except at bridges, plus one elevated
 * road that passes over the streets without joining them.
 *
 * <p>Every segment runs between two grid nodes, so the network is noded by construction: segments meet
 * only at shared, bit-identical end points. Each tile lays the segments it owns (those whose lower-left
 * node lies in it), and border nodes come from {@link CityLayout#node}, so tiles join seamlessly.
 */
final class StreetGrid {

    static final int N = CityLayout.CELLS;
    /** Country roads run along every fifth grid line (500 m). */
    private static final int RURAL_EVERY = 5;
    private static final int PRIMARY_EVERY = 15;

    final CityLayout city;
    final int tx;
    final int ty;
    final Coordinate[][] node = new Coordinate[N + 1][N + 1];
    final boolean[][] urban = new boolean[N + 1][N + 1];
    final boolean[][] wet = new boolean[N + 1][N + 1];
    /** hEdge[i][j] joins node (i,j) to (i+1,j); vEdge[i][j] joins (i,j) to (i,j+1); null = no street. */
    final RoadEdge[][] hEdge = new RoadEdge[N + 1][N + 1];
    final RoadEdge[][] vEdge = new RoadEdge[N + 1][N + 1];
    final List<RoadEdge> edges = new ArrayList<>();
    RoadEdge overpass;

    StreetGrid(CityLayout city, int tx, int ty, TownCore core, River river) {
        this.city = city;
        this.tx = tx;
        this.ty = ty;
        for (int i = 0; i <= N; i++) {
            for (int j = 0; j <= N; j++) {
                Coordinate c = city.node(gi(i), gj(j));
                node[i][j] = c;
                urban[i][j] = core.contains(c);
                wet[i][j] = river.nearWater(c);
            }
        }
        boolean lastColumn = tx == city.columns - 1;
        boolean lastRow = ty == city.rows - 1;
        for (int i = 0; i <= N; i++) {
            for (int j = 0; j <= N; j++) {
                if (i < N && (j < N || lastRow)) {
                    hEdge[i][j] = street(i, j, i + 1, j, gj(j), false, river);
                }
                if (j < N && (i < N || lastColumn)) {
                    vEdge[i][j] = street(i, j, i, j + 1, gi(i), true, river);
                }
            }
        }
        for (int i = 0; i <= N; i++) {
            if (gi(i) % PRIMARY_EVERY == 0 && (i < N || lastColumn)) {
                bridge(i, river);
            }
        }
        elevatedRoad();
    }

    int gi(int i) {
        return tx * N + i;
    }

    int gj(int j) {
        return ty * N + j;
    }

    private RoadEdge street(int i0, int j0, int i1, int j1, int line, boolean vertical, River river) {
        if (wet[i0][j0] || wet[i1][j1]) {
            return null;
        }
        boolean town = urban[i0][j0] && urban[i1][j1];
        if (!town && line % RURAL_EVERY != 0) {
            return null;
        }
        Coordinate[] cs = {node[i0][j0], node[i1][j1]};
        if (river.crossedBy(Geo.line(cs))) {
            return null;
        }
        RoadEdge e = new RoadEdge(cs, roadClass(line, town), streetName(line, vertical, town), false, 0);
        edges.add(e);
        return e;
    }

    private static String roadClass(int line, boolean town) {
        if (town) {
            return line % PRIMARY_EVERY == 0 ? "primary" : line % RURAL_EVERY == 0 ? "secondary" : "branch";
        }
        return line % PRIMARY_EVERY == 0 ? "secondary" : line % 10 == 0 ? "branch" : "path";
    }

    private String streetName(int line, boolean vertical, boolean town) {
        String word = Names.pick(Names.STREET_WORDS, city.unit(line, vertical ? 1 : 2, 31));
        if (!town) {
            return word + (vertical ? "南北" : "东西") + "村道";
        }
        if (line % PRIMARY_EVERY == 0) {
            return word + "大道";
        }
        return word + (vertical ? "路" : "街");
    }

    /**
     * A column crosses the river once (it is nearly straight and the river runs east–west), so the
     * bridge joins the last dry node south of the water to the first dry node north of it.
     */
    private void bridge(int i, River river) {
        int south = -1;
        int north = -1;
        for (int j = 0; j <= N; j++) {
            if (wet[i][j]) {
                continue;
            }
            if (river.side(node[i][j]) < 0) {
                south = j;
            } else if (north < 0) {
                north = j;
            }
        }
        if (south < 0 || north < 0 || north - south > 3) {
            return;
        }
        boolean town = urban[i][south] && urban[i][north];
        RoadEdge b = new RoadEdge(new Coordinate[] {node[i][south], node[i][north]}, roadClass(gi(i), town),
                streetName(gi(i), true, town).replace("村道", "") + "桥", true, 1);
        edges.add(b);
    }

    /**
     * A viaduct on a gentle curve between two country-road crossings, far north of the river: it passes
     * over the town streets (layer 1) and shares no vertex with them, so a walking graph must not
     * connect it to what lies beneath.
     */
    private void elevatedRoad() {
        int i0 = 10;
        int j0 = 45;
        int i1 = 50;
        int j1 = 55;
        Coordinate a = node[i0][j0];
        Coordinate b = node[i1][j1];
        if (wet[i0][j0] || wet[i1][j1]) {
            return;
        }
        Coordinate mid = new Coordinate((a.x + b.x) / 2 + 60, (a.y + b.y) / 2 - 180);
        int n = 24;
        Coordinate[] cs = new Coordinate[n + 1];
        for (int k = 0; k <= n; k++) {
            double t = (double) k / n;
            double u = 1 - t;
            cs[k] = k == 0 ? a : k == n ? b
                    : new Coordinate(CityLayout.round2(u * u * a.x + 2 * u * t * mid.x + t * t * b.x),
                            CityLayout.round2(u * u * a.y + 2 * u * t * mid.y + t * t * b.y));
        }
        overpass = new RoadEdge(cs, "primary", Names.pick(Names.STREET_WORDS, city.unit(tx, ty, 32)) + "高架路", true, 1);
        edges.add(overpass);
    }

    /** Adds a path inside a block (park or plaza) from a corner node to a new node at the block centre. */
    void blockPath(Coordinate corner, Coordinate centre, String name) {
        edges.add(new RoadEdge(new Coordinate[] {corner, centre}, "footway", name, false, 0));
    }

    LineString overpassLine() {
        return overpass == null ? null : overpass.line();
    }
}
