package org.greenplan.indicator;

import java.util.ArrayList;
import java.util.List;
import org.greenplan.kind.LayerKind;
import org.locationtech.jts.geom.Geometry;

/**
 * The three control lines (三区三线: 生态保护红线, 永久基本农田, 城镇开发边界) indexed for overlap tests.
 * Build once per layer set and reuse: checking one proposed project is then a few prepared-geometry
 * tests and small clipped overlays. Immutable and safe to share between request threads.
 */
public final class ControlLines {

    /** Outside area at or below this (m²) is floating-point noise, not a project crossing the boundary. */
    static final double INSIDE_TOLERANCE_M2 = 0.01;

    final MetricFrame frame;
    final PolygonIndex redLine;
    final PolygonIndex farmland;
    final PolygonIndex boundary;

    private ControlLines(MetricFrame frame, Layers layers) {
        this.frame = frame;
        this.redLine = index(layers, LayerKind.ECOLOGICAL_RED_LINE);
        this.farmland = index(layers, LayerKind.PERMANENT_FARMLAND);
        this.boundary = index(layers, LayerKind.TOWN_DEVELOPMENT_BOUNDARY);
    }

    /** Indexes the control-line layers of {@code layers}, measuring in the GK zone of their centre. */
    public static ControlLines of(Layers layers) {
        return new ControlLines(MetricFrame.of(layers), layers);
    }

    static ControlLines of(MetricFrame frame, Layers layers) {
        return new ControlLines(frame, layers);
    }

    private PolygonIndex index(Layers layers, LayerKind kind) {
        return new PolygonIndex(frame.polygons(layers.get(kind)).stream().map(Projected::metres).toList());
    }

    /** Overlap of one proposed project polygon (lon/lat) with each control line. */
    public ProjectCheck check(Geometry projectLonLat) {
        Geometry project = frame.zone().toMetres(projectLonLat);
        double area = project.getArea();
        if (!(area > 0)) {
            throw new InvalidParameterException("project", "must be a polygon with an area");
        }
        List<ProjectCheck.LineOverlap> overlaps = new ArrayList<>();
        overlaps.add(overlap(LayerKind.ECOLOGICAL_RED_LINE, redLine.overlap(project), area));
        overlaps.add(overlap(LayerKind.PERMANENT_FARMLAND, farmland.overlap(project), area));
        Geometry outside = boundary.outside(project);
        double outsideArea = outside == project ? area : outside.getArea();
        overlaps.add(new ProjectCheck.LineOverlap(LayerKind.TOWN_DEVELOPMENT_BOUNDARY.id(), area - outsideArea,
                (area - outsideArea) / area, null));
        boolean known = boundary.size() > 0;
        return new ProjectCheck(area, overlaps, known && outsideArea <= INSIDE_TOLERANCE_M2, known, outsideArea,
                outsideArea <= INSIDE_TOLERANCE_M2 ? frame.toLonLat(MetricFrame.emptyPolygon()) : frame.toLonLat(outside),
                frame.epsg());
    }

    private ProjectCheck.LineOverlap overlap(LayerKind line, Geometry piece, double projectArea) {
        double a = piece.getArea();
        return new ProjectCheck.LineOverlap(line.id(), a, a / projectArea, frame.toLonLat(piece));
    }
}
