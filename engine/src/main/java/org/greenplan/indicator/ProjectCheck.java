package org.greenplan.indicator;

import java.util.List;
import org.locationtech.jts.geom.Geometry;

/**
 * Control-line check of one proposed project (see {@link ControlLines#check}).
 *
 * @param projectArea                 m²
 * @param overlaps                    one per control line: ecological_red_line, permanent_farmland,
 *                                    town_development_boundary (for the boundary: the part inside it)
 * @param insideDevelopmentBoundary   wholly inside the 城镇开发边界 (false when the boundary is unknown)
 * @param developmentBoundaryKnown    whether a town_development_boundary layer was given
 * @param areaOutsideDevelopmentBoundary m²
 * @param outsideDevelopmentBoundary  the part outside, lon/lat (empty when inside)
 */
public record ProjectCheck(double projectArea, List<LineOverlap> overlaps, boolean insideDevelopmentBoundary,
        boolean developmentBoundaryKnown, double areaOutsideDevelopmentBoundary, Geometry outsideDevelopmentBoundary,
        int measuredInEpsg) {

    public ProjectCheck {
        overlaps = List.copyOf(overlaps);
    }

    /**
     * @param line      layer kind API name
     * @param area      overlap in m²
     * @param share     overlap ÷ project area (0–1)
     * @param geometry  the overlapping part, lon/lat (null for the development boundary, whose inside part
     *                  is not a conflict)
     */
    public record LineOverlap(String line, double area, double share, Geometry geometry) {
    }

    public LineOverlap overlap(String line) {
        return overlaps.stream().filter(o -> o.line().equals(line)).findFirst().orElseThrow();
    }

    /**
     * The control lines this project fails, in order: overlapping 生态保护红线 or 永久基本农田 (any area), or reaching
     * outside a known 城镇开发边界. Empty when compliant; the check API and the siting's candidate filter both read it.
     */
    public List<String> failedLines() {
        List<String> failed = new java.util.ArrayList<>();
        for (LineOverlap o : overlaps) {
            if (!o.line().equals(org.greenplan.kind.LayerKind.TOWN_DEVELOPMENT_BOUNDARY.id()) && o.area() > 0) {
                failed.add(o.line());
            }
        }
        if (developmentBoundaryKnown && !insideDevelopmentBoundary) {
            failed.add(org.greenplan.kind.LayerKind.TOWN_DEVELOPMENT_BOUNDARY.id());
        }
        return failed;
    }

    /** No conflict with a line it must not touch, and inside the development boundary when there is one. */
    public boolean compliant() {
        return failedLines().isEmpty();
    }
}
