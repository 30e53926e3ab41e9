package org.greenplan.indicator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.greenplan.kind.LayerKind;
import org.locationtech.jts.geom.Geometry;

/**
 * 生活圈覆盖率 (life-circle coverage), INDICATORS.md §2, variant (b): the share of residential land
 * (and of residents) reached from every required facility category of a level within its walking distance
 * (5/10/15 min = 300/500/1000 m, GB 50180-2018, or minutes × {@code speed}). A parcel is covered in part, as in
 * park coverage: the part of it that every required category reaches. Two modes ({@link DistanceMode}):
 * {@code network} counts the ground a walker from the facilities reaches along the {@link WalkingNetwork} given
 * with the layers ({@link WalkingNetwork#facilityServedGround}: along the streets, then at most 50 m off a
 * street and never beyond the distance left, the model of isochrones and park coverage); {@code euclidean}
 * counts the straight-line discs about the facilities. Walking is never shorter than the straight line, so
 * network coverage is never above Euclidean coverage, per parcel and in total. Everything else (built-up
 * scope, shares, per-category figures, breakdown, gaps) is the same code in both modes.
 *
 * <p>A requirement without a single facility covers no one: every level needing it has 0% coverage and a
 * note names it (a missing category is a finding to report, not an input error).
 *
 * <p>The main value is the level named by parameter {@code level}; measures give every level
 * ({@code all.<level>}, {@code population.<level>}) and every requirement ({@code category.<level>.<key>});
 * findings list each parcel's categories not reaching all of it, per level, and the m² meeting the main level.
 */
public final class LifeCircleCoverage extends StandardIndicator {

    public static final String ID = "life_circle_coverage";
    public static final String MISSING = "missing_facilities";
    /** Same reason as the park radius tolerance: a facility drawn exactly at the distance is within it. */
    private static final double TOLERANCE_M = 0.001;
    /** Segments per quarter circle of a facility's straight-line disc: 16 under-states a circle's area by 0.16 %. */
    static final int DISC_QUADRANT_SEGMENTS = 16;
    /** A requirement reaching all but this share of a parcel reaches all of it (overlay rounding). */
    private static final double WHOLE = 1e-9;
    /** A walked part measuring all but this share of a parcel is all of it (the rounding of its measure). */
    private static final double WHOLE_WALKED = 1e-12;
    /** Finding detail: m² of the (clipped) parcel that meets the main level. */
    public static final String COVERED_DETAIL = "covered_m2";

    static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.number("distance5min", 300.0, 0, 5000, "m", "reach of the 5-minute level (GB 50180-2018 2.0.4)"),
            ParameterSpec.number("distance10min", 500.0, 0, 5000, "m", "reach of the 10-minute level (GB 50180-2018 2.0.3)"),
            ParameterSpec.number("distance15min", 1000.0, 0, 5000, "m", "reach of the 15-minute level (GB 50180-2018 2.0.2: 800-1000 m)"),
            ParameterSpec.choice("level", "15min", LifeCircleLevels.LEVELS, "level reported as the main value"),
            DistanceMode.SPEC,
            ParameterSpec.flag("clipToBuiltUp", true, "when a built_up_area layer is given, count only residential land "
                    + "inside it (the target is 建成区 15 分钟生活圈覆盖率)"),
            ParameterSpec.number("speed", null, 1, 300, "m/min", "walking speed; when given, each level's distance is "
                    + "its minutes × speed instead of distance5min/10min/15min (e.g. 80 m/min: 400/800/1200 m)"));

    private static final Map<String, Integer> MINUTES = Map.of("5min", 5, "10min", 10, "15min", 15);

    public static final IndicatorDefinition DEFINITION = IndicatorDefinition.builder(ID, LifeCircleCoverage::new)
            .name("生活圈覆盖率", "Life-circle coverage").unit("%")
            .definition("Share of residential land in the 建成区 (and residents) reached from every required facility "
                    + "category of a level within its distance: the part of each parcel a walker reaches along the road "
                    + "layer (mode=network, the default when a road layer exists) or within the straight-line distance "
                    + "(mode=euclidean); per-category coverage and missing categories per parcel.")
            .standard("GB 50180-2018 城市居住区规划设计标准 2.0.2–2.0.4 and Appendix B; TD/T 1062-2021")
            .requires(LayerKind.RESIDENTIAL, LayerKind.FACILITY)
            .alsoReads(LayerKind.ADMIN_AREA, LayerKind.BUILT_UP_AREA, LayerKind.ROAD, LayerKind.BUILDING)
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
        AdminAreas admin = new AdminAreas(frame.polygons(layers.get(LayerKind.ADMIN_AREA)));
        ResidentPopulation population = ResidentPopulation.of(frame, layers, admin, frame.polygons(layers.get(LayerKind.RESIDENTIAL)));
        List<Projected> parcels = population.parcels;
        List<Projected> facilityPoints = frame.points(layers.get(LayerKind.FACILITY));
        WalkingNetwork network = DistanceMode.of(params, layers);

        List<Need> needs = new ArrayList<>();
        for (String level : LifeCircleLevels.LEVELS) {
            for (LifeCircleLevels.Requirement req : table.requirements(level)) {
                needs.add(new Need(level, req, distance(params, level)));
            }
        }
        Grounds grounds = servedGround(needs, facilityPoints, network, frame);
        List<Projected> builtUp = params.flag("clipToBuiltUp") ? frame.polygons(layers.get(LayerKind.BUILT_UP_AREA)) : List.of();
        PolygonIndex scope = builtUp.isEmpty() ? null : new PolygonIndex(builtUp.stream().map(Projected::metres).toList());
        String mainLevel = params.text("level");
        int levels = LifeCircleLevels.LEVELS.size();
        int main = LifeCircleLevels.LEVELS.indexOf(mainLevel);

        Sums sums = Chunks.reduce(parcels.size(), () -> new Sums(needs.size(), levels, admin.size()),
                (acc, i) -> acc.add(parcels.get(i), scope, needs, grounds, main, admin), Sums::merge);

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
        ResidentPopulation.addMeasures(measures, sums.levelPop[main], sums.pop);
        List<String> notes = new ArrayList<>();
        if (network == null) {
            notes.add("Euclidean approximation: the part of each parcel within a straight line of the level's distance "
                    + "from a facility of every required category; walking-network distances give lower coverage.");
        } else {
            notes.add("Walking-network distances on " + network.description() + ": the part of each parcel a walker "
                    + "from a facility of every required category reaches counts: along the streets from the facility "
                    + "(snapped to the nearest street, the offset counting as walking), then at most 50 m off a street "
                    + "(less where less of the distance is left), as isochrones are drawn; never more than the straight line.");
        }
        notes.addAll(emptyRequirements(needs, facilityPoints));
        notes.add("A part of a parcel counts for a level only when it is reached from every required category of that "
                + "level (GB 50180-2018 Appendix B table, editable).");
        notes.add(scope != null ? "Residential land clipped to the built_up_area (建成区: the target is 建成区 15 分钟生活圈覆盖率)."
                : "No built_up_area used: denominator is all residential land given (the target's scope is the 建成区).");
        if (sums.area == 0) {
            notes.add("No residential land in the area, " + IndicatorResult.NO_VALUE);
        }
        notes.add(population.note());
        return new IndicatorResult(ID, Tally.ratio(sums.levelArea[main], sums.area, 100), "%", sums.levelArea[main],
                sums.area, measures, sums.tally.breakdown(admin, 100, "%", sums.pop > 0), sums.gaps.toLonLat(frame),
                sums.findings, population.parameters(params.asMap()), notes, frame.epsg());
    }

    /** What serves a parcel for one requirement: dissolved discs, or the walked streets asked parcel by parcel. */
    interface Ground {
        /** The part of g served; g itself when all of it, empty when none. {@code streets}: g's, when walked. */
        Geometry overlap(Geometry g, ParcelStreets streets);
    }

    /**
     * The grounds of the requirements, in the order of {@code needs}, and the network to ask for a parcel's streets
     * when they are walked grounds (null when they are polygons).
     */
    record Grounds(Ground[] byNeed, WalkingNetwork walked, WalkedGround[] walkedByNeed) {

        Grounds(Ground[] byNeed) {
            this(byNeed, null, null);
        }

        /** The streets near g that the walked grounds share, or null when none is walked. */
        ParcelStreets streets(Geometry g) {
            return walked == null ? null : walked.streetsNear(g);
        }

        /** The part of g outside need n's ground (g itself when none is served), for the siting's demand. */
        Geometry outside(int n, Geometry g) {
            Geometry in = byNeed[n].overlap(g, streets(g));
            return in == g ? g.getFactory().createPolygon() : in.isEmpty() ? g : Overlay.difference(g, in);
        }
    }

    /**
     * Per requirement of each level, the ground its facilities serve within the level's distance: discs about
     * every facility in Euclidean mode, what a walker reaches along the streets in network mode (asked parcel by
     * parcel, {@link WalkedGround}; dissolved polygons only when the network's graph lies in another zone).
     */
    static Grounds servedGround(List<Need> needs, List<Projected> points, WalkingNetwork network, MetricFrame frame) {
        Ground[] out = new Ground[needs.size()];
        if (network == null) {
            Map<String, List<Geometry>> discs = new HashMap<>();
            for (int n = 0; n < needs.size(); n++) {
                Need need = needs.get(n);
                double r = need.distance() + TOLERANCE_M;
                List<Geometry> pieces = discs.computeIfAbsent(need.requirement().key() + "@" + r, k -> {
                    List<Geometry> list = new ArrayList<>();
                    for (Projected p : points) {
                        if (need.requirement().categories().contains(p.feature().text("category"))) {
                            for (int i = 0; i < p.metres().getNumGeometries(); i++) {
                                list.add(p.metres().getGeometryN(i).buffer(r, DISC_QUADRANT_SEGMENTS));
                            }
                        }
                    }
                    return list;
                });
                out[n] = polygons(PolygonIndex.dissolved(pieces));
            }
            return new Grounds(out);
        }
        Map<String, List<Double>> distances = new LinkedHashMap<>();
        for (Need need : needs) {
            distances.computeIfAbsent(need.requirement().key(), k -> new ArrayList<>()).add(need.distance() + TOLERANCE_M);
        }
        Map<String, List<org.greenplan.geo.Feature>> facilities = facilitiesByRequirement(needs, points);
        var walked = network.facilityWalkedGround(facilities, distances, frame.zone());
        if (walked.isPresent()) {
            WalkedGround[] walkedByNeed = new WalkedGround[needs.size()];
            for (int n = 0; n < needs.size(); n++) {
                WalkedGround ground = walked.get().getOrDefault(needs.get(n).requirement().key(), Map.of())
                        .get(needs.get(n).distance() + TOLERANCE_M);
                out[n] = ground == null ? NOTHING : ground::overlap;
                walkedByNeed[n] = ground;
            }
            return new Grounds(out, network, walkedByNeed);
        }
        // one requirement walked and dissolved at a time: the street buffers of a walk are many times the size of
        // their dissolved ground (docs/BENCHMARKS.md)
        Map<String, Map<Double, PolygonIndex>> dissolved = new HashMap<>();
        facilities.forEach((key, group) -> dissolved.put(key,
                dissolvedWalk(network, key, group, distances.getOrDefault(key, List.of()), frame)));
        for (int n = 0; n < needs.size(); n++) {
            Need need = needs.get(n);
            PolygonIndex ground = dissolved.getOrDefault(need.requirement().key(), Map.of())
                    .get(need.distance() + TOLERANCE_M);
            out[n] = ground != null ? polygons(ground) : NOTHING;
        }
        return new Grounds(out);
    }

    /**
     * A group's walked ground within each distance as dissolved polygons: what the siting offers a candidate
     * facility, and the fallback when the network's graph lies in another zone.
     */
    static Map<Double, PolygonIndex> dissolvedWalk(WalkingNetwork network, String key,
            List<org.greenplan.geo.Feature> group, List<Double> distances, MetricFrame frame) {
        Map<Double, List<Geometry>> pieces = network.facilityServedGround(Map.of(key, group), Map.of(key, distances),
                frame.zone()).getOrDefault(key, Map.of());
        Map<Double, PolygonIndex> byDistance = new HashMap<>();
        pieces.forEach((d, list) -> byDistance.put(d, PolygonIndex.dissolved(list)));
        return byDistance;
    }

    /** The ground one facility serves for a requirement, as polygons (a 补短板 candidate's service area). */
    static List<Geometry> facilityGround(Need need, Projected facility, WalkingNetwork network, MetricFrame frame) {
        double d = need.distance() + TOLERANCE_M;
        if (network == null) {
            List<Geometry> discs = new ArrayList<>();
            for (int i = 0; i < facility.metres().getNumGeometries(); i++) {
                discs.add(facility.metres().getGeometryN(i).buffer(d, DISC_QUADRANT_SEGMENTS));
            }
            return PolygonIndex.dissolved(discs).polygons();
        }
        PolygonIndex walked = dissolvedWalk(network, need.requirement().key(), List.of(facility.feature()), List.of(d),
                frame).get(d);
        return walked == null ? List.of() : walked.polygons();
    }

    /** A requirement without a facility: it serves no one. */
    private static final Ground NOTHING = (g, streets) -> g.getFactory().createPolygon();

    private static Ground polygons(PolygonIndex index) {
        return (g, streets) -> index.overlap(g);
    }

    /** Facilities (lon/lat) meeting each requirement, by requirement key. */
    private static Map<String, List<org.greenplan.geo.Feature>> facilitiesByRequirement(List<Need> needs,
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

    /**
     * What each requirement reaches of one parcel g: polygons met with g (straight-line discs, dissolved walks), or
     * the parts of walked grounds, measured without building them ({@link ParcelStreets#areaServedByAll}); polygons
     * of those only for the main level's gap.
     */
    private static final class Reached {
        private final Geometry g;
        private final double a;
        private final Grounds grounds;
        private final ParcelStreets streets;
        private final Geometry[] polygons;
        private final ParcelStreets.Part[] parts;
        private final double[] areas;

        Reached(Geometry g, Grounds grounds, int needs) {
            this.g = g;
            this.a = g.getArea();
            this.grounds = grounds;
            this.streets = grounds.streets(g);
            this.polygons = new Geometry[needs];
            this.parts = new ParcelStreets.Part[needs];
            this.areas = new double[needs];
            java.util.Arrays.fill(areas, -1);
        }

        /** The area need n reaches: a when all of g (rounding aside), 0 when none. */
        double area(int n) {
            if (areas[n] < 0) {
                WalkedGround walked = grounds.walkedByNeed() == null ? null : grounds.walkedByNeed()[n];
                double r;
                if (walked != null) {
                    parts[n] = walked.part(g, streets);
                    r = streets.areaServedByAll(List.of(parts[n]));
                    r = r >= a * (1 - WHOLE_WALKED) ? a : Math.max(0, r);
                } else {
                    polygons[n] = grounds.byNeed()[n].overlap(g, streets);
                    r = polygons[n] == g ? a : polygons[n].getArea();
                }
                areas[n] = r;
            }
            return areas[n];
        }

        /** The area every one of the needs reaches (each reaching part of g). */
        double areaOfAll(List<Integer> needs) {
            if (parts[needs.get(0)] != null) {
                return streets.areaServedByAll(needs.stream().map(n -> parts[n]).toList());
            }
            return geometryOfAll(needs).getArea();
        }

        /** The part of g every one of the needs reaches, as polygons (the last asked kept: a level's area, then its gap). */
        Geometry geometryOfAll(List<Integer> needs) {
            if (needs.equals(lastNeeds)) {
                return lastGeometry;
            }
            Geometry c = g;
            if (parts[needs.get(0)] != null) {
                c = streets.polygonServedByAll(needs.stream().map(n -> parts[n]).toList());
            } else {
                for (int n : needs) {
                    c = c == g ? polygons[n] : polygons[n] == g ? c : Overlay.polygonal(Overlay.intersection(c, polygons[n]));
                    if (c.isEmpty()) {
                        break;
                    }
                }
            }
            lastNeeds = needs;
            lastGeometry = c;
            return c;
        }

        private List<Integer> lastNeeds;
        private Geometry lastGeometry;
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

        /**
         * One parcel (clipped to the 建成区 when one is given): the part each requirement's ground reaches, the part
         * every requirement of a level reaches, and the rest as the gap of the main level.
         */
        void add(Projected parcel, PolygonIndex scope, List<Need> needs, Grounds grounds, int main,
                AdminAreas admin) {
            // residents live evenly over the whole parcel, so clipping to the 建成区 keeps the density
            double density = parcel.population() / parcel.metres().getArea();
            Geometry g = scope == null ? parcel.metres() : scope.overlap(parcel.metres());
            if (g.isEmpty()) {
                return;
            }
            double a = g.getArea();
            Reached reached = new Reached(g, grounds, needs.size());
            Map<String, Object> missing = new LinkedHashMap<>();
            for (int n = 0; n < needs.size(); n++) {
                double r = reached.area(n);
                needArea[n] += r;
                if (r < a * (1 - WHOLE)) {
                    @SuppressWarnings("unchecked")
                    List<String> list = (List<String>) missing.computeIfAbsent(needs.get(n).level(), k -> new ArrayList<String>());
                    list.add(needs.get(n).requirement().key());
                }
            }
            List<Integer> mainPartial = null; // the main level's requirements reaching only part of g; null: none of it
            double mainArea = 0;
            for (int l = 0; l < levelArea.length; l++) {
                String level = LifeCircleLevels.LEVELS.get(l);
                List<Integer> partial = new ArrayList<>();
                boolean none = false;
                for (int n = 0; n < needs.size() && !none; n++) {
                    if (needs.get(n).level().equals(level)) {
                        none = reached.area(n) == 0;
                        if (reached.area(n) < a) {
                            partial.add(n);
                        }
                    }
                }
                double ca = none ? 0 : partial.isEmpty() ? a : partial.size() == 1 ? reached.area(partial.get(0))
                        : reached.areaOfAll(partial);
                levelArea[l] += ca;
                levelPop[l] += density * ca;
                if (l == main) {
                    mainPartial = none || ca == 0 ? null : partial;
                    mainArea = ca;
                }
            }
            area += a;
            pop += density * a;
            Geometry gap = mainPartial == null ? g : mainPartial.isEmpty() ? g.getFactory().createPolygon()
                    : Overlay.polygonal(Overlay.difference(g, reached.geometryOfAll(mainPartial)));
            double covered = mainArea;
            if (!missing.isEmpty()) {
                missing.replaceAll((level, keys) -> List.copyOf((List<?>) keys));
                missing.put(COVERED_DETAIL, covered);
                // the parcel's outline only where it is a gap (main level missing), so the map can say what it lacks
                findings.add(new Finding(MISSING, parcel.id(), a, gap.isEmpty() ? null : parcel.feature().geometry(),
                        missing));
            }
            gaps.add(gap);
            admin.split(g, gap, (ar, whole, out) -> {
                double w = whole.getArea();
                // a parcel within one area: the area covered as measured, not as the gap's polygon gives it back
                double in = whole == g && out == gap ? covered
                        : w - (out == whole ? w : out == null || out.isEmpty() ? 0 : out.getArea());
                tally.add(ar.index(), in, w);
                tally.addPopulation(ar.index(), density * in, density * w);
            });
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
