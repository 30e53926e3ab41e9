package org.greenplan.indicator;

import org.greenplan.layer.LayerKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * 生活圈覆盖率 (life-circle coverage), INDICATORS.md §2, variant (b): the share of residential land
 * (and of residents) whose parcels reach every required facility category of a level within its
 * walking distance (5/10/15 min = 300/500/1000 m, GB 50180-2018). EUCLIDEAN APPROXIMATION: distance is
 * straight-line from the parcel's interior point, which overstates coverage against the walking
 * network; the network version belongs to the network package.
 *
 * <p>The main value is the level named by parameter {@code level}; measures give every level
 * ({@code all.<level>}, {@code population.<level>}) and every requirement ({@code category.<level>.<key>});
 * findings list each parcel's missing categories per level.
 */
public final class LifeCircleCoverage extends StandardIndicator {

    public static final String ID = "life_circle_coverage";
    public static final String MISSING = "missing_facilities";
    /** Same reason as the park radius tolerance: a facility drawn exactly at the distance is within it. */
    private static final double TOLERANCE_M = 0.001;

    static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.number("distance5min", 300.0, 0, 5000, "m", "reach of the 5-minute level (GB 50180-2018 2.0.4)"),
            ParameterSpec.number("distance10min", 500.0, 0, 5000, "m", "reach of the 10-minute level (GB 50180-2018 2.0.3)"),
            ParameterSpec.number("distance15min", 1000.0, 0, 5000, "m", "reach of the 15-minute level (GB 50180-2018 2.0.2: 800-1000 m)"),
            ParameterSpec.choice("level", "15min", LifeCircleLevels.LEVELS, "level reported as the main value"));

    private final LifeCircleLevels table;

    public LifeCircleCoverage() {
        this(Map.of());
    }

    public LifeCircleCoverage(Map<String, ?> parameters) {
        this(parameters, LifeCircleLevels.defaults());
    }

    public LifeCircleCoverage(Map<String, ?> parameters, LifeCircleLevels table) {
        super(ID, PARAMETERS, parameters);
        this.table = table;
    }

    /** A requirement of one level, flattened so per-parcel work indexes arrays instead of maps. */
    private record Need(String level, LifeCircleLevels.Requirement requirement, double distance) {
    }

    @Override
    public IndicatorResult compute(Layers layers) {
        MetricFrame frame = MetricFrame.of(layers);
        List<Projected> parcels = frame.polygons(layers.get(LayerKind.RESIDENTIAL));
        AdminAreas admin = new AdminAreas(frame.polygons(layers.get(LayerKind.ADMIN_AREA)));
        Map<String, STRtree> facilities = indexFacilities(frame.points(layers.get(LayerKind.FACILITY)));

        List<Need> needs = new ArrayList<>();
        for (String level : LifeCircleLevels.LEVELS) {
            for (LifeCircleLevels.Requirement req : table.requirements(level)) {
                needs.add(new Need(level, req, params.number("distance" + level)));
            }
        }
        String mainLevel = params.text("level");
        int levels = LifeCircleLevels.LEVELS.size();
        int main = LifeCircleLevels.LEVELS.indexOf(mainLevel);

        Sums sums = Chunks.reduce(parcels.size(), () -> new Sums(needs.size(), levels, admin.size()), (acc, i) -> {
            Projected parcel = parcels.get(i);
            Geometry g = parcel.metres();
            Point from = g.getInteriorPoint();
            double area = g.getArea(), pop = parcel.population();
            boolean[] all = new boolean[levels];
            java.util.Arrays.fill(all, true);
            Map<String, Object> missing = new LinkedHashMap<>();
            for (int n = 0; n < needs.size(); n++) {
                Need need = needs.get(n);
                if (reaches(facilities, need, from)) {
                    acc.needArea[n] += area;
                } else {
                    all[LifeCircleLevels.LEVELS.indexOf(need.level())] = false;
                    @SuppressWarnings("unchecked")
                    List<String> list = (List<String>) missing.computeIfAbsent(need.level(), k -> new ArrayList<String>());
                    list.add(need.requirement().key());
                }
            }
            for (int l = 0; l < levels; l++) {
                if (all[l]) {
                    acc.levelArea[l] += area;
                    acc.levelPop[l] += pop;
                }
            }
            acc.area += area;
            acc.pop += pop;
            if (!missing.isEmpty()) {
                missing.replaceAll((level, keys) -> List.copyOf((List<?>) keys));
                // the parcel's outline only where it is a gap (main level missing), so the map can say what it lacks
                acc.findings.add(new Finding(MISSING, parcel.id(), area, all[main] ? null : parcel.feature().geometry(),
                        missing));
            }
            if (!all[main]) {
                acc.gaps.add(g);
            }
            boolean reached = all[main];
            double density = pop / area;
            admin.split(g, null, (a, whole, none) -> {
                double w = whole.getArea();
                acc.tally.add(a.index(), reached ? w : 0, w);
                acc.tally.addPopulation(a.index(), reached ? density * w : 0, density * w);
            });
        }, Sums::merge);

        List<Measure> measures = new ArrayList<>();
        for (int l = 0; l < levels; l++) {
            String level = LifeCircleLevels.LEVELS.get(l);
            measures.add(new Measure("all." + level, Tally.ratio(sums.levelArea[l], sums.area, 100), "%", sums.levelArea[l], sums.area));
            if (sums.pop > 0) {
                measures.add(new Measure("population." + level, Tally.ratio(sums.levelPop[l], sums.pop, 100), "%", sums.levelPop[l], sums.pop));
            }
        }
        for (int n = 0; n < needs.size(); n++) {
            Need need = needs.get(n);
            measures.add(new Measure("category." + need.level() + "." + need.requirement().key(),
                    Tally.ratio(sums.needArea[n], sums.area, 100), "%", sums.needArea[n], sums.area));
        }
        if (sums.pop > 0) {
            measures.add(new Measure(Tally.POPULATION_WEIGHTED, Tally.ratio(sums.levelPop[main], sums.pop, 100), "%",
                    sums.levelPop[main], sums.pop));
        }
        List<String> notes = new ArrayList<>();
        notes.add("Euclidean approximation: straight-line distance from each parcel's interior point to the nearest facility; "
                + "walking-network distances give lower coverage.");
        notes.add("A parcel counts for a level only when it reaches every required category of that level (GB 50180-2018 Appendix B table, editable).");
        if (parcels.isEmpty()) {
            notes.add("No residential land: value reported as 0.");
        }
        return new IndicatorResult(ID, Tally.ratio(sums.levelArea[main], sums.area, 100), "%", sums.levelArea[main],
                sums.area, measures, sums.tally.breakdown(admin, 100, "%", sums.pop > 0), sums.gaps.toLonLat(frame),
                sums.findings, params.asMap(), notes, frame.epsg());
    }

    private static Map<String, STRtree> indexFacilities(List<Projected> points) {
        Map<String, STRtree> byCategory = new HashMap<>();
        for (Projected p : points) {
            String category = p.feature().text("category");
            if (category == null) {
                continue;
            }
            STRtree tree = byCategory.computeIfAbsent(category, k -> new STRtree());
            for (int i = 0; i < p.metres().getNumGeometries(); i++) {
                Point pt = (Point) p.metres().getGeometryN(i);
                tree.insert(pt.getEnvelopeInternal(), pt);
            }
        }
        byCategory.values().forEach(STRtree::build);
        return byCategory;
    }

    @SuppressWarnings("unchecked")
    private static boolean reaches(Map<String, STRtree> facilities, Need need, Point from) {
        double d = need.distance() + TOLERANCE_M;
        org.locationtech.jts.geom.Envelope env = new org.locationtech.jts.geom.Envelope(from.getCoordinate());
        env.expandBy(d);
        for (String category : need.requirement().categories()) {
            STRtree tree = facilities.get(category);
            if (tree == null) {
                continue;
            }
            for (Point p : (List<Point>) tree.query(env)) {
                if (p.getCoordinate().distance(from.getCoordinate()) <= d) {
                    return true;
                }
            }
        }
        return false;
    }

    private static final class Sums {
        final double[] needArea;
        final double[] levelArea;
        final double[] levelPop;
        final Tally tally;
        final Gaps gaps = new Gaps();
        final List<Finding> findings = new ArrayList<>();
        double area, pop;

        Sums(int needs, int levels, int areas) {
            needArea = new double[needs];
            levelArea = new double[levels];
            levelPop = new double[levels];
            tally = new Tally(areas);
        }

        Sums merge(Sums o) {
            for (int i = 0; i < needArea.length; i++) {
                needArea[i] += o.needArea[i];
            }
            for (int i = 0; i < levelArea.length; i++) {
                levelArea[i] += o.levelArea[i];
                levelPop[i] += o.levelPop[i];
            }
            tally.merge(o.tally);
            gaps.merge(o.gaps);
            findings.addAll(o.findings);
            area += o.area;
            pop += o.pop;
            return this;
        }
    }
}
