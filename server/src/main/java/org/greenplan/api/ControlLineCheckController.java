package org.greenplan.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.greenplan.geo.GeoJson;
import org.greenplan.geo.GeoJsonException;
import org.greenplan.indicator.InvalidParameterException;
import org.greenplan.indicator.ProjectCheck;
import org.greenplan.indicator.service.ControlLineService;
import org.greenplan.indicator.service.ControlLineService.Checked;
import org.greenplan.kind.LayerKind;
import org.greenplan.layer.FeatureRepository;
import org.greenplan.limits.RequestLimits;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * 项目选址合规性审查: {@code POST /api/v1/checks/control-lines} with a proposed project boundary (GeoJSON
 * Polygon/MultiPolygon geometry or Feature, lon/lat) answers its overlap with each control line and
 * whether it lies inside the town development boundary, against the control lines of the workspace
 * ({@code /api/v1/workspaces/{ws}/checks/control-lines}; the unscoped path checks the default workspace).
 */
@RestController
@RequestMapping({"/api/v1/workspaces/{ws}/checks", "/api/v1/checks"})
public class ControlLineCheckController {

    private final ControlLineService service;
    private final ObjectMapper json;
    private final RequestLimits limits;

    public ControlLineCheckController(ControlLineService service, ObjectMapper json, RequestLimits limits) {
        this.service = service;
        this.json = json;
        this.limits = limits;
    }

    /**
     * The check's answer: the project's area and, per control line, its overlap, with the layers read;
     * {@code shareInsideDevelopmentBoundary} is the part of the site inside the 城镇开发边界 (0–1, null when no
     * boundary layer is known), so a site mostly outside never reads as "inside".
     */
    public record CheckResponse(double projectArea, boolean insideDevelopmentBoundary, boolean developmentBoundaryKnown,
            Double shareInsideDevelopmentBoundary, double areaOutsideDevelopmentBoundary, List<LineResponse> conflicts, JsonNode outsideDevelopmentBoundary,
            boolean compliant, List<IndicatorValueResponse.LayerUsed> layersUsed, int measuredInEpsg) {
    }

    /**
     * The project's overlap with one control line; {@code conflict} and {@code geometry} for the lines it must
     * not touch, {@code meaning} for the development boundary (which it should lie in).
     */
    public record LineResponse(String line, LocalizedName name, List<String> layers, double overlapArea,
            double shareOfProject, String meaning, Boolean conflict, JsonNode geometry) {
    }

    @PostMapping(value = "/control-lines", consumes = {"application/json", "application/geo+json"},
            produces = "application/json")
    public CheckResponse check(WorkspaceScope scope, InputStream body, @RequestParam(required = false) String layers)
            throws IOException {
        // the body is at most greenplan.limits.json-body (BodyLimitFilter): a project boundary needs far less
        Geometry project = project(body.readAllBytes());
        if (layers != null) {
            limits.checkListLength("layers", layers.split(",").length);
        }
        Checked c;
        try {
            c = service.check(scope.id(), project, layers);
        } catch (InvalidParameterException e) {
            throw new BadRequestException("geometry", e.reason());
        }
        ProjectCheck p = c.check();
        List<LineResponse> lines = new java.util.ArrayList<>();
        for (ProjectCheck.LineOverlap o : p.overlaps()) {
            LayerKind kind = LayerKind.fromId(o.line()).orElseThrow();
            List<String> read = c.layersUsed().stream().filter(u -> u.kind() == kind).map(u -> u.id()).toList();
            LocalizedName name = new LocalizedName(kind.nameZh(), kind.nameEn());
            if (kind == LayerKind.TOWN_DEVELOPMENT_BOUNDARY) {
                lines.add(new LineResponse(o.line(), name, read, o.area(), o.share(),
                        "part of the project inside the boundary (not a conflict)", null, null));
            } else {
                lines.add(new LineResponse(o.line(), name, read, o.area(), o.share(), null, o.area() > 0,
                        o.geometry() == null || o.geometry().isEmpty() ? null : geoJson(o.geometry())));
            }
        }
        Double insideShare = p.developmentBoundaryKnown()
                ? p.overlap(LayerKind.TOWN_DEVELOPMENT_BOUNDARY.id()).share() : null;
        return new CheckResponse(p.projectArea(), p.insideDevelopmentBoundary(), p.developmentBoundaryKnown(),
                insideShare, p.areaOutsideDevelopmentBoundary(), lines, p.outsideDevelopmentBoundary() == null
                        || p.outsideDevelopmentBoundary().isEmpty() ? null : geoJson(p.outsideDevelopmentBoundary()),
                p.compliant(),
                c.layersUsed().stream().map(IndicatorValueResponse.LayerUsed::of).toList(), p.measuredInEpsg());
    }

    private JsonNode geoJson(Geometry g) {
        return json.readTree(GeoJson.write(g, FeatureRepository.DECIMALS));
    }

    /** The project polygon, or 400 naming {@code geometry} with what is wrong. */
    private Geometry project(byte[] body) {
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JacksonException e) {
            throw new BadRequestException("geometry", "the body is not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new BadRequestException("geometry", "send a GeoJSON Polygon or MultiPolygon geometry, or a Feature with one");
        }
        String type = node.path("type").asString("");
        if (type.equals("Feature")) {
            node = node.path("geometry");
        } else if (type.equals("FeatureCollection")) {
            JsonNode fs = node.path("features");
            if (!fs.isArray() || fs.size() != 1) {
                throw new BadRequestException("geometry", "a FeatureCollection must hold exactly one project feature");
            }
            node = fs.get(0).path("geometry");
        }
        Geometry g;
        try {
            g = GeoJson.read(node);
        } catch (GeoJsonException e) {
            throw new BadRequestException("geometry", e.getMessage());
        }
        if (!(g instanceof Polygonal)) {
            throw new BadRequestException("geometry", "a project boundary must be a Polygon or MultiPolygon, not " + g.getGeometryType());
        }
        if (g.isEmpty()) {
            throw new BadRequestException("geometry", "the project boundary is empty");
        }
        // validating and intersecting cost grows with the vertices; a site boundary needs a few hundred
        limits.checkSiteVertices("geometry", g.getNumPoints());
        for (Coordinate c : g.getCoordinates()) {
            if (!(Math.abs(c.x) <= 180 && Math.abs(c.y) <= 90)) {
                throw new BadRequestException("geometry", "coordinates must be lon/lat (EPSG:4326), got " + c.x + ", " + c.y);
            }
        }
        IsValidOp valid = new IsValidOp(g);
        if (!valid.isValid()) {
            var err = valid.getValidationError();
            throw new BadRequestException("geometry", "invalid polygon: " + err.getMessage() + " at "
                    + err.getCoordinate().x + ", " + err.getCoordinate().y);
        }
        return g;
    }
}
