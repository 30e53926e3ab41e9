package org.greenplan.indicator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.greenplan.kind.LayerKind;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/**
 * 三区三线 conflicts (control_line_conflicts): construction land and residential land overlapping the
 * 生态保护红线 or 永久基本农田, and construction land outside the 城镇开发边界. The value is the share of
 * construction land in any conflict (each m² counted once); measures give area and share per conflict
 * kind; findings are the offending pieces. For a single proposed project use {@link ControlLines#check}.
 */
public final class ControlLineCheck extends StandardIndicator {

    public static final String ID = "control_line_conflicts";

    public static final String CONSTRUCTION_IN_RED_LINE = "construction_in_red_line";
    public static final String CONSTRUCTION_IN_FARMLAND = "construction_in_farmland";
    public static final String CONSTRUCTION_OUTSIDE_BOUNDARY = "construction_outside_boundary";
    public static final String RESIDENTIAL_IN_RED_LINE = "residential_in_red_line";
    public static final String RESIDENTIAL_IN_FARMLAND = "residential_in_farmland";

    static final List<ParameterSpec> PARAMETERS = List.of();

    public static final IndicatorDefinition DEFINITION = IndicatorDefinition.builder(ID, ControlLineCheck::new)
            .name("三区三线冲突检查", "Control-line conflicts").unit("%")
            .definition("Construction and residential land overlapping 生态保护红线 or 永久基本农田, and construction land "
                    + "outside the 城镇开发边界: areas, shares and pieces. Value = construction land in any conflict ÷ "
                    + "construction land × 100.")
            .standard("市级/县级国土空间总体规划数据库规范 (MNR 2021 试行)")
            .requires(LayerKind.CONSTRUCTION_LAND)
            .alsoReads(LayerKind.RESIDENTIAL, LayerKind.ECOLOGICAL_RED_LINE, LayerKind.PERMANENT_FARMLAND,
                    LayerKind.TOWN_DEVELOPMENT_BOUNDARY, LayerKind.ADMIN_AREA)
            .parameters(PARAMETERS)
            .gaps("construction land in conflict with a control line")
            .build();

    public ControlLineCheck() {
        this(Map.of());
    }

    public ControlLineCheck(Map<String, ?> parameters) {
        super(DEFINITION, parameters);
    }

    @Override
    public IndicatorResult compute(Layers layers) {
        MetricFrame frame = MetricFrame.of(layers);
        ControlLines lines = ControlLines.of(frame, layers);
        AdminAreas admin = new AdminAreas(frame.polygons(layers.get(LayerKind.ADMIN_AREA)));
        List<Projected> construction = frame.polygons(layers.get(LayerKind.CONSTRUCTION_LAND));
        List<Projected> residential = frame.polygons(layers.get(LayerKind.RESIDENTIAL));
        boolean boundaryKnown = lines.boundary.size() > 0;

        Conflicts c = Chunks.reduce(construction.size(), () -> new Conflicts(admin.size()), (acc, i) -> {
            Projected f = construction.get(i);
            Geometry g = f.metres();
            List<Geometry> pieces = new ArrayList<>(3);
            pieces.add(acc.record(CONSTRUCTION_IN_RED_LINE, f, lines.redLine.overlap(g)));
            pieces.add(acc.record(CONSTRUCTION_IN_FARMLAND, f, lines.farmland.overlap(g)));
            if (boundaryKnown) {
                pieces.add(acc.record(CONSTRUCTION_OUTSIDE_BOUNDARY, f, lines.boundary.outside(g)));
            }
            pieces.removeIf(Geometry::isEmpty);
            Geometry any = pieces.isEmpty() ? null : pieces.size() == 1 ? pieces.get(0) : UnaryUnionOp.union(pieces);
            acc.conflicting += any == null ? 0 : any.getArea();
            acc.gaps.add(any == null ? g.getFactory().createPolygon() : any);
            admin.split(g, any, (a, whole, part) -> acc.tally.add(a.index(), part == null ? 0 : part.getArea(), whole.getArea()));
        }, Conflicts::merge);
        Conflicts r = Chunks.reduce(residential.size(), () -> new Conflicts(admin.size()), (acc, i) -> {
            Projected f = residential.get(i);
            acc.record(RESIDENTIAL_IN_RED_LINE, f, lines.redLine.overlap(f.metres()));
            acc.record(RESIDENTIAL_IN_FARMLAND, f, lines.farmland.overlap(f.metres()));
        }, Conflicts::merge);

        double constructionArea = construction.stream().mapToDouble(p -> p.metres().getArea()).sum();
        double residentialArea = residential.stream().mapToDouble(p -> p.metres().getArea()).sum();
        List<Measure> measures = new ArrayList<>();
        for (String kind : List.of(CONSTRUCTION_IN_RED_LINE, CONSTRUCTION_IN_FARMLAND, CONSTRUCTION_OUTSIDE_BOUNDARY)) {
            double a = c.area.getOrDefault(kind, 0.0);
            measures.add(new Measure(kind, Tally.ratio(a, constructionArea, 100), "%", a, constructionArea));
        }
        for (String kind : List.of(RESIDENTIAL_IN_RED_LINE, RESIDENTIAL_IN_FARMLAND)) {
            double a = r.area.getOrDefault(kind, 0.0);
            measures.add(new Measure(kind, Tally.ratio(a, residentialArea, 100), "%", a, residentialArea));
        }
        List<Finding> findings = new ArrayList<>(c.findings);
        findings.addAll(r.findings);
        List<Finding> lonLat = findings.stream().map(f -> new Finding(f.kind(), f.featureId(), f.area(),
                frame.toLonLat(f.geometry()), f.details())).toList();

        List<String> notes = new ArrayList<>();
        notes.add("Value = construction land in any conflict (red line, farmland or outside the development boundary, counted once) ÷ construction land.");
        if (!boundaryKnown) {
            notes.add("No town_development_boundary given: construction outside it is not checked.");
        }
        if (lines.redLine.size() == 0 || lines.farmland.size() == 0) {
            notes.add("Missing layer(s): " + (lines.redLine.size() == 0 ? "ecological_red_line " : "")
                    + (lines.farmland.size() == 0 ? "permanent_farmland" : "") + "; those conflicts read 0.");
        }
        return new IndicatorResult(ID, Tally.ratio(c.conflicting, constructionArea, 100), "%", c.conflicting,
                constructionArea, measures, c.tally.breakdown(admin, 100, "%", false), c.gaps.toLonLat(frame), lonLat,
                params.asMap(), notes, frame.epsg());
    }

    /** Per-chunk conflict sums; findings keep metre geometry until the end (one unprojection pass). */
    private static final class Conflicts {
        final Map<String, Double> area = new LinkedHashMap<>();
        final List<Finding> findings = new ArrayList<>();
        final Tally tally;
        final Gaps gaps = new Gaps();
        double conflicting;

        Conflicts(int areas) {
            tally = new Tally(areas);
        }

        Geometry record(String kind, Projected feature, Geometry piece) {
            double a = piece.getArea();
            if (a > 0) {
                area.merge(kind, a, Double::sum);
                findings.add(new Finding(kind, feature.id(), a, piece, Map.of()));
            }
            return piece;
        }

        Conflicts merge(Conflicts o) {
            o.area.forEach((k, v) -> area.merge(k, v, Double::sum));
            findings.addAll(o.findings);
            tally.merge(o.tally);
            gaps.merge(o.gaps);
            conflicting += o.conflicting;
            return this;
        }
    }
}
