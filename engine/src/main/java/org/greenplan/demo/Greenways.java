package org.greenplan.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.operation.linemerge.LineMerger;

/**
 * Greenways (绿道): a riverside route on the north bank, 城市级 inside the development boundary and
 * 区域级 beyond it where it links the countryside, plus 社区级 routes along a few town streets.
 */
final class Greenways {

    record Greenway(Geometry line, String name, String level) {
    }

    private Greenways() {
    }

    static List<Greenway> place(River river, Geometry boundary, StreetGrid grid, Envelope tile, SplittableRandom rnd) {
        List<Greenway> out = new ArrayList<>();
        Geometry bank = river.bank(river.width(tile.centre().x) / 2 + 15, tile.getMinX() - 40, tile.getMaxX() + 40)
                .intersection(Geo.GF.toGeometry(tile));
        Geometry inTown = Geo.lines(bank.intersection(boundary), 50);
        Geometry outOfTown = Geo.lines(bank.difference(boundary), 50);
        if (inTown != null) {
            out.add(new Greenway(inTown, river.name + "滨河绿道", "城市级"));
        }
        if (outOfTown != null) {
            out.add(new Greenway(outOfTown, river.name + "郊野绿道", "区域级"));
        }
        // community greenways follow secondary streets (wide enough for a separated cycle track) in the
        // middle of town, where every column has a long run of them
        List<Integer> columns = new ArrayList<>();
        for (int i = 15; i <= 45; i += 5) {
            if (grid.gi(i) % 15 != 0) {
                columns.add(i);
            }
        }
        for (int n = 0; n < 3 && !columns.isEmpty(); n++) {
            int i = columns.remove(rnd.nextInt(columns.size()));
            LineMerger merger = new LineMerger();
            String name = null;
            for (int j = 0; j < StreetGrid.N; j++) {
                RoadEdge e = grid.vEdge[i][j];
                if (e != null && e.roadClass.equals("secondary")) {
                    merger.add(e.line());
                    name = e.name;
                }
            }
            @SuppressWarnings("unchecked")
            List<LineString> merged = new ArrayList<>(merger.getMergedLineStrings());
            merged.removeIf(l -> l.getLength() < 300);
            if (!merged.isEmpty()) {
                merged.sort((a, b) -> a.getCoordinateN(0).compareTo(b.getCoordinateN(0)));
                Geometry g = merged.size() == 1 ? merged.get(0) : Geo.GF.createMultiLineString(merged.toArray(LineString[]::new));
                out.add(new Greenway(g, name + "绿道", "社区级"));
            }
        }
        return out;
    }
}
