package org.greenplan.indicator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.greenplan.kind.LayerKind;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * 生活圈覆盖率 (life-circle coverage), INDICATORS.md §2, variant (b): the share of residential land
 * (and of residents) whose parcels reach every required facility category of a level within its
 * walking distance (5/10/15 min = 300/500/1000 m, GB 50180-2018, or minutes × {@code speed}). Two modes
 * ({@link DistanceMode}): {@code network} takes walking distances from the {@link WalkingNetwork} given
 * with the layers (parcels entered from their boundary, facilities snapped to the streets);
 * {@code euclidean} measures straight lines from the parcel's interior point, which overstates coverage.
 * Everything else (shares, per-category figures, breakdown, gaps) is the same code in both modes.
 *
 * <p>A requirement without a single facility covers no one: every level needing it has 0% coverage and a
 * note names it (a missing category is a finding to report, not an input error).
 *
 * <p>The main value is the level named by parameter {@code level}; measures give every level
 * ({@code all.<level>}, {@code population.<level>}) and every requirement ({@code category.<level>.<key>});
 * findings list each parcel's missing categories per level.
 */
public final class LifeCircleCoverage extends StandardIndicator {

    public static final String ID = "life_circle_coverage";
    public static final String MISSING = "missing_facilities";
    /** Same reason as the park radius tolerance: a facility drawn exactly at the distance is within it. */
    static final double TOLERANCE_M = 0.001;

    static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.number("distance5min", 300.0, 0, 5000, "m", "reach of the 5-minute level (GB 50180-2018 2.0.4)"),
            ParameterSpec.number("distance10min", 500.0, 0, 5000, "m", "reach of the 10-minute level (GB 50180-2018 2.0.3)"),
            ParameterSpec.number("distance15min", 1000.0, 0, 5000, "m", "reach of the 15-minute level (GB 50180-2018 2.0.2: 800-1000 m)"),
            ParameterSpec.choice("level", "15min", LifeCircleLevels.LEVELS, "level reported as the main value"),
            DistanceMode.SPEC,
            ParameterSpec.number("speed", null, 1, 300, "m/min", "walking speed; when given, each level's distance is "
                    + "its minutes × speed instead of distance5min/10min/15min (e.g. 80 m/min: 400/800/1200 m)"));

    private static final Map<String, Integer> MINUTES = Map.of("5min", 5, "10min", 10, "15min", 15);

    public static final IndicatorDefinition DEFINITION = IndicatorDefinition.builder(ID, LifeCircleCoverage::new)
            .name("生活圈覆盖率", "Life-circle coverage").unit("%")
            .definition("Share of residential land (and residents) reaching every required facility category of a level "
                    + "within its distance: walking along the road layer (mode=network, the default when a road layer "
                    + "exists) or straight-line from each parcel's interior point (mode=euclidean); per-category coverage "
                    + "and missing categories per parcel.")
            .standard("GB 50180-2018 城市居住区规划设计标准 2.0.2–2.0.4 and Appendix B; TD/T 1062-2021")
            .requires(LayerKind.RESIDENTIAL, LayerKind.FACILITY)
            .alsoReads(LayerKind.ADMIN_AREA, LayerKind.ROAD)
            .parameters(PARAMETERS)
            // facilities outside the area serve residents inside it up to the longest level's walking distance
            .reach(Reach.of(LayerKind.FACILITY, p -> MINUTES.keySet().stream().mapToDouble(l -> distance(p, l)).max()
                    .orElse(0)))
            .gaps("residential land missing a required facility")
            .build();

    final LifeCircleLevels table;

    public LifeCircleCoverage() {
        this(Map.of());
    }

    public LifeCircleCoverage(Map<String, ?> parameters) {
        this(parameters, LifeCircleLevels.defaults());
    }

    public LifeCircleCoverage(Map<String, ?> parameters, LifeCircleLevels table) {
        super(DEFINITION, parameters);
        this.table = table;
        if (params.optionalNumber("speed").isPresent() && parameters != null
                && MINUTES.keySet().stream().anyMatch(l -> parameters.containsKey("distance" + l))) {
            throw new InvalidParameterException("speed", "give either a walking speed or the distances "
                    + "(distance5min, distance10min, distance15min), not both");
        }
    }

    /** Walking metres of a level: minutes × speed when a speed is given, else its distance parameter. */
    public static double distance(Parameters params, String level) {
        var speed = params.optionalNumber("speed");
        return speed.isPresent() ? MINUTES.get(level) * speed.getAsDouble() : params.number("distance" + level);
    }

    /** A requirement of one level, flattened so per-parcel work indexes arrays instead of maps. */
    record Need(String level, LifeCircleLevels.Requirement requirement, double distance) {
    }

    @Override
    public IndicatorResult compute(Layers layers) {
        MetricFrame frame = MetricFrame.of(layers);
        List<Projected> parcels = frame.polygons(layers.get(LayerKind.RESIDENTIAL));
        AdminAreas admin = new AdminAreas(frame.polygons(layers.get(LayerKind.ADMIN_AREA)));
        List<Projected> facilityPoints = frame.points(layers.get(LayerKind.FACILITY));
        Map<String, STRtree> facilities = indexFacilities(facilityPoints);
        WalkingNetwork network = DistanceMode.of(params, layers);

        List<Need> needs = new ArrayList<>();
        for (String level : LifeCircleLevels.LEVELS) {
            for (LifeCircleLevels.Requirement req : table.requirements(level)) {
                needs.add(new Need(level, req, distance(params, level)));
            }
        }
        // network mode: one walking search per requirement (its alternatives together), up to its largest distance
        List<Map<String, Double>> walked = network == null ? null : network.nearestFacilities(
                parcels.stream().map(Projected::feature).toList(), facilitiesByRequirement(needs, facilityPoints),
                maxDistanceByRequirement(needs));
        String mainLevel = params.text("level");
        int levels = LifeCircleLevels.LEVELS.size();
        int main = LifeCircleLevels.LEVELS.indexOf(mainLevel);

        Sums sums = Chunks.reduce(parcels.size(), () -> new Sums(needs.size(), levels, admin.size()), (acc, i) -> {
            Projected parcel = parcels.get(i);
            Geometry g = parcel.metres();
            Point from = walked == null ? g.getInteriorPoint() : null;
            double area = g.getArea(), pop = parcel.population();
            boolean[] all = new boolean[levels];
            java.util.Arrays.fill(all, true);
            Map<String, Object> missing = new LinkedHashMap<>();
            for (int n = 0; n < needs.size(); n++) {
                Need need = needs.get(n);
                if (walked == null ? reaches(facilities, need, from) : walks(walked.get(i), need)) {
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
        if (network == null) {
            notes.add("Euclidean approximation: straight-line distance from each parcel's interior point to the nearest facility; "
                    + "walking-network distances give lower coverage.");
        } else {
            notes.add("Walking-network distances on " + network.description() + ": each parcel is entered from points "
                    + "on its boundary snapped to the nearest street, facilities are snapped likewise, snap offsets count as walking.");
        }
        notes.addAll(emptyRequirements(needs, facilityPoints));
        notes.add("A parcel counts for a level only when it reaches every required category of that level (GB 50180-2018 Appendix B table, editable).");
        if (parcels.isEmpty()) {
            notes.add("No residential land in the area, " + IndicatorResult.NO_VALUE);
        }
        return new IndicatorResult(ID, Tally.ratio(sums.levelArea[main], sums.area, 100), "%", sums.levelArea[main],
                sums.area, measures, sums.tally.breakdown(admin, 100, "%", sums.pop > 0), sums.gaps.toLonLat(frame),
                sums.findings, params.asMap(), notes, frame.epsg());
    }

    /** Facilities (lon/lat) meeting each requirement, by requirement key. */
    static Map<String, List<org.greenplan.geo.Feature>> facilitiesByRequirement(List<Need> needs,
            List<Projected> points) {
        Map<String, List<org.greenplan.geo.Feature>> out = new LinkedHashMap<>();
        for (Need need : needs) {
            List<org.greenplan.geo.Feature> list = out.computeIfAbsent(need.requirement().key(), k -> new ArrayList<>());
            if (!list.isEmpty()) {
                continue; // the same requirement at another level: already collected
            }
            for (Projected p : points) {
                if (need.requirement().categories().contains(p.feature().text("category"))) {
                    list.add(p.feature());
                }
            }
        }
        return out;
    }

    private static Map<String, Double> maxDistanceByRequirement(List<Need> needs) {
        Map<String, Double> out = new LinkedHashMap<>();
        needs.forEach(n -> out.merge(n.requirement().key(), n.distance() + TOLERANCE_M, Math::max));
        return out;
    }

    /** Notes naming the requirements without any facility: they cover no one, so their levels cover no parcel. */
    private static List<String> emptyRequirements(List<Need> needs, List<Projected> points) {
        Map<String, List<String>> levelsOf = new LinkedHashMap<>();
        Map<String, LifeCircleLevels.Requirement> reqs = new LinkedHashMap<>();
        for (Need n : needs) {
            boolean any = points.stream().anyMatch(p -> n.requirement().categories().contains(p.feature().text("category")));
            if (!any) {
                levelsOf.computeIfAbsent(n.requirement().key(), k -> new ArrayList<>()).add(n.level());
                reqs.put(n.requirement().key(), n.requirement());
            }
        }
        List<String> notes = new ArrayList<>();
        levelsOf.forEach((key, lv) -> notes.add("No facility of '" + key + "' (categories "
                + String.join(", ", reqs.get(key).categories()) + "): it covers no one, so no parcel meets level "
                + String.join(", ", lv) + "."));
        return notes;
    }

    static boolean walks(Map<String, Double> walked, Need need) {
        Double d = walked.get(need.requirement().key());
        return d != null && d <= need.distance() + TOLERANCE_M;
    }

    static Map<String, STRtree> indexFacilities(List<Projected> points) {
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
    static boolean reaches(Map<String, STRtree> facilities, Need need, Point from) {
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
