package org.greenplan.indicator;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/**
 * The shape shared by the "part of a whole, in %" indicators (green space ratio, sponge-city share,
 * development intensity, forest coverage): value, per-admin-area split and optional gap, computed one way.
 * The part is a big layer dissolved cell by cell ({@link CellDissolve}) and met with the whole cell by cell,
 * so no step holds a city-wide union; areas add up over the cells.
 */
final class AreaRatio {

    private AreaRatio() {
    }

    /**
     * {@code whole} is the dissolved denominator (metres); the numerator is the part of {@code covering} inside
     * it. With {@code withGap} the whole outside {@code covering} is reported as the gaps.
     */
    static IndicatorResult result(String id, MetricFrame frame, AdminAreas admin, Geometry whole, CellDissolve covering,
            boolean withGap, Parameters params, List<String> notes) {
        List<CellDissolve.Cell> wholeCells = CellDissolve.cut(whole, covering.cellSize()).cells();
        org.greenplan.Cancellation token = org.greenplan.Cancellation.current();
        CellPart[] parts = new CellPart[wholeCells.size()];
        IntStream.range(0, parts.length).parallel().forEach(i -> {
            token.check();
            parts[i] = CellPart.of(wholeCells.get(i), covering, admin, withGap);
        });
        // merged in grid order, so the sums are the same on every run
        Tally tally = new Tally(admin.size());
        double num = 0;
        List<Geometry> gapPieces = new ArrayList<>();
        for (CellPart p : parts) {
            num += p.area;
            for (Share a : p.shares) {
                tally.add(a.admin, a.part, a.whole);
            }
            if (p.gap != null && !p.gap.isEmpty()) {
                gapPieces.add(p.gap);
            }
        }
        double den = whole.getArea();
        // the gap's cell pieces joined again, so a gap crossing a cell edge is one polygon as before
        Geometry gap = gapPieces.isEmpty() ? MetricFrame.emptyPolygon() : Overlay.polygonal(UnaryUnionOp.union(gapPieces));
        Geometry gaps = gap.isEmpty() ? frame.toLonLat(MetricFrame.emptyPolygon()) : frame.toLonLat(gap);
        return new IndicatorResult(id, Tally.ratio(num, den, 100), "%", num, den, List.of(),
                tally.breakdown(admin, 100, "%", false), gaps, List.of(), params.asMap(), notes, frame.epsg());
    }

    /** One cell's share: the part's area, its split by admin area and the gap. */
    private record CellPart(double area, List<Share> shares, Geometry gap) {

        static CellPart of(CellDissolve.Cell wholeCell, CellDissolve covering, AdminAreas admin, boolean withGap) {
            Geometry whole = wholeCell.ground();
            CellDissolve.Cell cover = covering.cell(wholeCell.column(), wholeCell.row());
            Geometry part = cover == null ? MetricFrame.emptyPolygon() : Overlay.polygonal(Overlay.intersection(cover.ground(), whole));
            Geometry gap = !withGap ? null : part.isEmpty() ? whole : Overlay.polygonal(Overlay.difference(whole, part));
            List<Share> shares = new ArrayList<>();
            admin.split(whole, part, (a, w, p) -> shares.add(new Share(a.index(), p.getArea(), w.getArea())));
            return new CellPart(part.getArea(), shares, gap);
        }
    }

    /** An admin area's part and whole within one cell (m²). */
    private record Share(int admin, double part, double whole) {
    }
}
