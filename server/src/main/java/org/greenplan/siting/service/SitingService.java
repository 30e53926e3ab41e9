package org.greenplan.siting.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.greenplan.geo.Feature;
import org.greenplan.geo.GaussKrugerZone;
import org.greenplan.geo.GeoJson;
import org.greenplan.indicator.InvalidParameterException;
import org.greenplan.indicator.Layers;
import org.greenplan.indicator.LifeCircleCoverage;
import org.greenplan.indicator.LifeCircleDemand;
import org.greenplan.indicator.ParkCoverageDemand;
import org.greenplan.indicator.UnservedLand;
import org.greenplan.indicator.ParkServiceCoverage;
import org.greenplan.indicator.ProjectCheck;
import org.greenplan.indicator.service.ControlLineService;
import org.greenplan.indicator.service.IndicatorService;
import org.greenplan.indicator.service.MissingLayerException;
import org.greenplan.kind.LayerKind;
import org.greenplan.layer.Layer;
import org.greenplan.layer.LayerFeatures;
import org.greenplan.layer.LayerRepository;
import org.greenplan.siting.CapacitatedCover;
import org.greenplan.siting.CoverageProblem;
import org.greenplan.siting.ExactCover;
import org.greenplan.siting.LandCoverage;
import org.greenplan.siting.LazyGreedy;
import org.greenplan.siting.SiteSelector;
import org.greenplan.siting.SitingPlan;
import org.greenplan.workspace.Workspace;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.geom.util.GeometryTransformer;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import org.springframework.stereotype.Service;

/**
 * 补短板选址 for park service coverage: reads the workspace's layers exactly as the indicator does
 * ({@link IndicatorService#inputs}), takes what the existing parks leave ({@link ParkCoverageDemand}), makes the
 * candidates (a layer's plots, or square parks on a grid over the 城镇开发边界), keeps those passing the control-line
 * check of {@code POST …/checks/control-lines} ({@link ProjectCheck#failedLines()}), cuts the remaining land by
 * their service areas ({@link LandCoverage}) and runs the greedy, and the exact solver where it can prove.
 */
@Service
public class SitingService {

    /** Candidates up to which the exact solver runs by default (it then reports the optimality gap). */
    static final int EXACT_BY_DEFAULT = 300;
    /** The plot (m²) a new facility is checked against the control lines with: a 社区卫生服务站-size site. */
    static final double FACILITY_PLOT = 400;
    /** How long a CP-SAT solve may take. */
    static final Duration SOLVER_TIME = Duration.ofSeconds(60);
    /** Coordinates of the sites, in degrees: the GeoJSON they are returned in holds them exactly. */
    static final int DECIMALS = 9;

    private final IndicatorService indicators;
    private final ControlLineService controlLines;
    private final LayerRepository layers;
    private final LayerFeatures features;

    public SitingService(IndicatorService indicators, ControlLineService controlLines, LayerRepository layers,
            LayerFeatures features) {
        this.indicators = indicators;
        this.controlLines = controlLines;
        this.layers = layers;
        this.features = features;
    }

    /** Where a run is, for the job; and whether to stop. */
    public interface Progress {
        void at(int percent, String stage);

        boolean cancelled();
    }

    /** Stops a cancelled run between its steps. */
    public static class CancelledException extends RuntimeException {
        CancelledException() {
            super("cancelled");
        }
    }

    /**
     * A site as returned: its order, geometry (lon/lat) and what it adds; with a capacity, the residents it serves in
     * the plan's allocation (else null).
     */
    public record Site(int order, Geometry geometry, double areaSquareMetres, double radius, String candidateId,
            double coverageAfter, Double servedResidents) {
    }

    /**
     * The answer.
     *
     * @param coverageBefore     the indicator today, %
     * @param curve              coverage after 0, 1, … sites, % (the optimiser's exact land accounting)
     * @param coverage           the coverage the plan reaches, %: the indicator itself recomputed on the layers with
     *                           the sites added as parks
     * @param reached            whether the target is reached (true for a number of sites)
     * @param bestReachable      with a target out of reach: the most the candidates can reach, %
     * @param gap                how far below the optimum the plan can be (fraction of the optimum; sites for a
     *                           target: the plan's count minus the proven fewest), null when unknown
     * @param fewestPossible     with a target: a proven lower bound on the number of sites, null when unknown
     * @param excluded           candidates left out, by reason (a control line, or below every size class)
     * @param siteLayer          the workspace layer the sites would join (the park or facility layer the indicator
     *                           read), null when the workspace has none: the scenario of the plan adds them there
     * @param category           the facility category of the sites (life circle), null for parks
     * @param capacity           the residents a new site serves at most (the capacitated variant), null when not asked:
     *                           then the curve is the share of residents in scope served, counting capacities
     * @param existingCapacity   with a capacity, what is assumed of the existing facilities' capacity
     *                           ({@value #EXISTING_UNLIMITED}: they serve every resident they reach, as the indicator counts)
     */
    public record Result(String indicator, String mode, Double target, Integer sitesAsked, List<Site> sites,
            double coverageBefore, double[] curve, double coverage, boolean reached, Double bestReachable,
            String solver, Double gap, Integer fewestPossible, boolean proven, int candidates, int candidatesKept,
            Map<String, Integer> excluded, List<String> notes, GaussKrugerZone zone, String siteLayer,
            String category, Double capacity, String existingCapacity) {

        public boolean capacitated() {
            return capacity != null;
        }
    }

    /** The assumption on existing facilities with a capacity: they keep serving all they reach, taking no new site's. */
    public static final String EXISTING_UNLIMITED = "unlimited";

    /** What can be refused before the job is queued: the candidate layer exists, is published and has features. */
    public void precheck(Workspace ws, SitingRequest req) {
        if (req.candidates().equals("layer")) {
            Layer layer = layers.find(ws.id(), req.layer()).filter(l -> l.current() != null).orElseThrow(() ->
                    new SitingRequestException("layer", "no published layer '" + req.layer() + "'"));
            if (layer.current().featureCount() == 0) {
                throw new SitingRequestException("layer", "the candidate layer '" + req.layer() + "' is empty");
            }
        }
    }

    /**
     * A covering instance made from a workspace: the indicator's inputs, the candidates made and the sites kept (the
     * problem's candidates, in order: park polygons, or facility points), the exclusions by reason, the indicator
     * recomputed with some of the sites added, and each site's service radius (m; NaN for a facility).
     */
    public record Prepared(IndicatorService.Inputs in, GaussKrugerZone zone, int made, List<Feature> kept,
            Map<String, Integer> excluded, CoverageProblem problem, List<String> notes,
            Function<List<Feature>, Double> indicatorWith, ToDoubleFunction<Feature> radius) {
    }

    /** Everything before choosing: layers, demand, candidates, control lines, service areas, the problem. */
    public Prepared prepare(Workspace ws, SitingRequest req, Progress progress) {
        progress.at(5, "reading layers");
        Map<String, String> params = new HashMap<>();
        if (req.mode() != null) {
            params.put("mode", req.mode());
        }
        if (req.ruleSet() != null) {
            params.put("ruleSet", req.ruleSet()); // the demand and the new parks under the same rule as the indicator
        }
        IndicatorService.Inputs in = indicators.inputs(ws, req.indicator(), null, params);
        check(progress);
        progress.at(20, "existing " + (req.category() == null ? "parks" : "facilities"));
        if (req.category() != null) {
            return prepareFacilities(ws, req, progress, in);
        }
        ParkServiceCoverage indicator = new ParkServiceCoverage(in.params());
        ParkCoverageDemand demand = ParkCoverageDemand.of(indicator, in.layers());
        check(progress);
        progress.at(35, "candidates");
        double minArea = req.parkSize().equals("small") ? 2000 : 5000;
        List<Feature> made = candidates(ws, req, demand.zone(), minArea);
        Map<String, Integer> excluded = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        List<Feature> kept = filter(ws, made, f -> demand.radius(demand.area(f.geometry())) >= 0, excluded, notes);
        check(progress);
        progress.at(50, "service areas of " + kept.size() + " candidates");
        List<Geometry> areas = demand.serviceAreas(kept);
        check(progress);
        progress.at(70, "covering problem");
        UnservedLand land = demand.land();
        CoverageProblem problem = LandCoverage.build(land.remaining(), ones(land.remaining().size()), land.covered(),
                land.total(), areas);
        check(progress);
        if (demand.walked()) {
            notes.add("Network mode: the curve counts each site's walked ground on its own; the indicator walks "
                    + "all parks together, whose ground may differ by the rounding of arcs (coverage is the indicator's).");
        }
        return new Prepared(in, demand.zone(), made.size(), kept, excluded, problem, notes,
                sites -> new ParkServiceCoverage(in.params()).compute(with(in.layers(), LayerKind.PARK, sites)).value(),
                f -> demand.radius(demand.area(f.geometry())));
    }

    /** A life-circle category: the part of each parcel served within the level's distance, new facilities as points. */
    private Prepared prepareFacilities(Workspace ws, SitingRequest req, Progress progress, IndicatorService.Inputs in) {
        LifeCircleDemand demand;
        try {
            demand = LifeCircleDemand.of(new LifeCircleCoverage(in.params()), in.layers(), req.level(), req.category());
        } catch (InvalidParameterException e) {
            throw new SitingRequestException(e.parameter(), e.reason());
        }
        check(progress);
        progress.at(35, "candidates");
        List<Feature> made = candidates(ws, req, demand.zone(), FACILITY_PLOT);
        Map<String, Integer> excluded = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        List<Feature> plots = filter(ws, made, f -> true, excluded, notes);
        List<Feature> kept = new ArrayList<>();
        for (Feature plot : plots) {
            kept.add(new Feature(plot.id(), rounded(plot.geometry().getCentroid()),
                    Map.of("category", demand.siteCategory())));
        }
        check(progress);
        progress.at(50, "ground each of " + kept.size() + " candidates serves");
        List<Geometry> areas = demand.serviceAreas(kept);
        check(progress);
        progress.at(70, "covering problem");
        // with a capacity the demand is residents (a capacity counts people), else land as the indicator counts it
        UnservedLand land = demand.land();
        CoverageProblem problem = req.capacity() == null
                ? LandCoverage.build(land.remaining(), ones(land.remaining().size()), land.covered(), land.total(), areas)
                : LandCoverage.build(land.remaining(), land.density(), land.residentsCovered(), land.residents(), areas);
        String measure = "category." + demand.level() + "." + demand.key();
        notes.add("Raises " + measure + " of life_circle_coverage: residential land served by a facility of '"
                + demand.key() + "' within the " + demand.level() + " distance; new sites are facilities of category '"
                + demand.siteCategory() + "', checked against the control lines on a " + (int) FACILITY_PLOT + " m² plot.");
        return new Prepared(in, demand.zone(), made.size(), kept, excluded, problem, notes, sites -> {
            var result = new LifeCircleCoverage(in.params()).compute(with(in.layers(), LayerKind.FACILITY, sites));
            return result.measures().stream().filter(m -> m.id().equals(measure)).findFirst().orElseThrow().value();
        }, f -> Double.NaN);
    }

    public Result run(Workspace ws, SitingRequest req, Progress progress) {
        Prepared prepared = prepare(ws, req, progress);
        IndicatorService.Inputs in = prepared.in();
        List<Feature> kept = prepared.kept();
        CoverageProblem problem = prepared.problem();
        List<String> notes = new ArrayList<>(prepared.notes());
        progress.at(80, "choosing sites");
        Solved solved = req.capacity() == null ? solve(problem, req, kept.size()) : solveCapacitated(problem, req, kept.size());
        check(progress);
        progress.at(90, "recomputing the indicator with the sites");
        SitingPlan plan = solved.plan();
        List<Feature> chosen = new ArrayList<>();
        for (int c : plan.chosen()) {
            chosen.add(kept.get(c));
        }
        double after = prepared.indicatorWith().apply(chosen);
        double[] curve = new double[plan.servedAfter().length];
        for (int i = 0; i < curve.length; i++) {
            curve[i] = percent(plan.servedAfter()[i], problem.total());
        }
        double[] perSite = req.capacity() == null ? null
                : new CapacitatedCover(req.capacity(), SOLVER_TIME, 1).servedPerSite(problem, plan.chosen());
        List<Site> sites = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            Feature f = chosen.get(i);
            double area = f.geometry() instanceof Polygonal ? prepared.zone().toMetres(f.geometry()).getArea() : 0;
            sites.add(new Site(i + 1, f.geometry(), area, prepared.radius().applyAsDouble(f), f.id(), curve[i + 1],
                    perSite == null ? null : perSite[i]));
        }
        boolean reached = req.target() == null || plan.reaches(req.target() / 100);
        Double bestReachable = reached ? null : curve[curve.length - 1];
        if (!reached) {
            notes.add("The target " + req.target() + " % cannot be reached with these candidates"
                    + (plan.fewestPossible() == SitingPlan.UNREACHABLE ? "" : " within " + req.maxSites() + " sites")
                    + "; the best reachable is " + String.format("%.2f", bestReachable) + " %.");
        }
        notes.addAll(solved.notes());
        return new Result(req.category() == null ? req.indicator() : req.indicator() + ":" + req.category(),
                in.params().get("mode"), req.target(), req.sites(), sites,
                percent(problem.alreadyServed(), problem.total()), curve, after, reached, bestReachable,
                plan.solver(), solved.gap(), solved.fewest(), plan.proven(), prepared.made(), kept.size(),
                prepared.excluded(), notes, prepared.zone(), siteLayer(prepared.in(), req), req.category(),
                req.capacity(), req.capacity() == null ? null : EXISTING_UNLIMITED);
    }

    /**
     * The capacitated variant (CP-SAT, {@link CapacitatedCover}): demand in residents, each new site serving at most
     * the capacity; the existing facilities keep serving everyone they reach ({@value #EXISTING_UNLIMITED}).
     */
    private static Solved solveCapacitated(CoverageProblem problem, SitingRequest req, int candidates) {
        CapacitatedCover solver = new CapacitatedCover(req.capacity(), SOLVER_TIME,
                Math.max(1, Runtime.getRuntime().availableProcessors()));
        SitingPlan plan;
        try {
            plan = req.target() != null ? solver.reach(problem, req.target() / 100, req.maxSites())
                    : solver.maximize(problem, req.sites());
        } catch (IllegalStateException e) {
            throw new SitingRequestException("capacity", "the capacitated siting (CP-SAT) found no plan for " + candidates
                    + " candidates within " + SOLVER_TIME.toSeconds() + " s; give fewer candidates (a larger spacing or "
                    + "a candidate layer)");
        }
        List<String> notes = new ArrayList<>();
        notes.add("Capacitated: each new site serves at most " + String.format("%.0f", req.capacity()) + " residents; the "
                + "curve is the share of residents in scope served (residents split among the sites reaching them so the "
                + "most are served); existing facilities are taken as of unlimited capacity (they serve every resident "
                + "they reach, as the indicator counts). The coverage is the indicator recomputed with the sites, which "
                + "counts land and no capacity.");
        if (!plan.proven()) {
            notes.add("Capacitated plan not proven optimal within " + SOLVER_TIME.toSeconds() + " s.");
        }
        Double gap = req.target() != null ? null : plan.proven() ? 0.0 : Double.isNaN(plan.bestPossible()) ? null : plan.gap();
        Integer fewest = req.target() != null && plan.fewestPossible() != SitingPlan.UNREACHABLE ? plan.fewestPossible() : null;
        return new Solved(plan, gap, fewest, notes);
    }

    private record Solved(SitingPlan plan, Double gap, Integer fewest, List<String> notes) {
    }

    private static Solved solve(CoverageProblem problem, SitingRequest req, int candidates) {
        SiteSelector greedy = new LazyGreedy();
        SitingPlan plan = req.target() != null ? greedy.reach(problem, req.target() / 100, req.maxSites())
                : greedy.maximize(problem, req.sites());
        boolean exact = req.exact() != null ? req.exact() : candidates <= EXACT_BY_DEFAULT;
        List<String> notes = new ArrayList<>();
        Double gap = req.target() == null ? plan.gap() : null;
        Integer fewest = req.target() != null && plan.fewestPossible() != SitingPlan.UNREACHABLE
                ? plan.fewestPossible() : null;
        if (exact) {
            SiteSelector solver = new ExactCover(Duration.ofSeconds(60), Math.max(1,
                    Runtime.getRuntime().availableProcessors()));
            try {
                SitingPlan best = req.target() != null ? solver.reach(problem, req.target() / 100, req.maxSites())
                        : solver.maximize(problem, req.sites());
                if (req.target() == null) {
                    double bound = best.bestPossible();
                    gap = bound <= 0 ? 0.0 : Math.max(0, (bound - plan.served()) / bound);
                    notes.add("Exact solver (CP-SAT): optimum " + (best.proven() ? "proven" : "not proven in 60 s")
                            + ", " + String.format("%.4f", 100 * best.share()) + " %; the greedy plan is within "
                            + String.format("%.3f", 100 * gap) + " % of it.");
                } else if (best.fewestPossible() != SitingPlan.UNREACHABLE) {
                    fewest = best.fewestPossible();
                    gap = (double) (plan.chosen().length - fewest);
                    notes.add("Exact solver (CP-SAT): the fewest sites reaching the target are " + fewest
                            + (best.proven() ? " (proven)" : " at least") + "; the greedy plan has " + plan.chosen().length + ".");
                }
                if (best.proven() && (req.target() == null ? best.served() > plan.served()
                        : best.chosen().length < plan.chosen().length && best.reaches(req.target() / 100))) {
                    plan = best; // a better plan is a better answer
                }
            } catch (IllegalStateException e) {
                notes.add("Exact solver: " + e.getMessage());
            }
        }
        return new Solved(plan, gap, fewest, notes);
    }

    /** The layer of the kind the sites are (parks, or facilities for a life-circle category) the run read first. */
    private static String siteLayer(IndicatorService.Inputs in, SitingRequest req) {
        LayerKind kind = SitingRequest.PARK.equals(req.indicator()) ? LayerKind.PARK : LayerKind.FACILITY;
        return in.used().stream().filter(u -> u.kind() == kind).map(u -> u.id()).findFirst().orElse(null);
    }

    /** The same layers with the sites added to those of one kind: what publishing them would give the indicator. */
    private static Layers with(Layers l, LayerKind kind, List<Feature> sites) {
        Layers.Builder b = Layers.builder();
        l.measuringZone().ifPresent(b::measuringZone);
        l.network().ifPresent(b::network);
        for (LayerKind k : LayerKind.values()) {
            List<Feature> fs = l.get(k);
            if (k == kind) {
                fs = new ArrayList<>(fs);
                fs.addAll(sites);
            }
            if (!fs.isEmpty()) {
                b.add(k, fs);
            }
        }
        return b.build();
    }

    private List<Feature> candidates(Workspace ws, SitingRequest req, GaussKrugerZone zone, double minArea) {
        List<Feature> out = new ArrayList<>();
        if (req.candidates().equals("layer")) {
            Layer layer = layers.find(ws.id(), req.layer()).filter(l -> l.current() != null).orElseThrow(() ->
                    new SitingRequestException("layer", "no published layer '" + req.layer() + "'"));
            int i = 0;
            for (Feature f : features.all(layer.current())) {
                Geometry g = f.geometry();
                String id = f.id() != null ? f.id() : String.valueOf(i);
                i++;
                if (g instanceof Point p) {
                    out.add(square(zone, zone.toMetres(p).getCoordinate(), minArea, id));
                } else if (g instanceof Polygonal && !g.isEmpty()) {
                    out.add(new Feature(id, rounded(g), Map.of()));
                }
            }
            return out;
        }
        List<Feature> grid = grid(ws, req, zone, minArea);
        if (grid.isEmpty()) {
            throw new SitingRequestException("spacing", "the grid over the 城镇开发边界 has no point (spacing "
                    + req.spacing() + " m)");
        }
        return grid;
    }

    private List<Feature> grid(Workspace ws, SitingRequest req, GaussKrugerZone zone, double minArea) {
        List<Feature> out = new ArrayList<>();
        List<Geometry> boundary = new ArrayList<>();
        for (Layer l : features.current(ws.id(), LayerKind.TOWN_DEVELOPMENT_BOUNDARY, null)) {
            features.all(l.current()).forEach(f -> boundary.add(zone.toMetres(f.geometry())));
        }
        if (boundary.isEmpty()) {
            throw new SitingRequestException("candidates", "candidates=grid needs a 城镇开发边界 layer (kind "
                    + "town_development_boundary) to lay the grid over; upload one or give candidates=layer");
        }
        Geometry area = UnaryUnionOp.union(boundary);
        PreparedGeometry inside = PreparedGeometryFactory.prepare(area);
        Envelope e = area.getEnvelopeInternal();
        double s = req.spacing();
        int n = 0;
        for (double x = Math.floor(e.getMinX() / s) * s + s / 2; x < e.getMaxX(); x += s) {
            for (double y = Math.floor(e.getMinY() / s) * s + s / 2; y < e.getMaxY(); y += s) {
                Coordinate c = new Coordinate(x, y);
                if (inside.contains(area.getFactory().createPoint(c))) {
                    out.add(square(zone, c, minArea, "grid-" + (n++)));
                }
                if (out.size() > 20_000) {
                    throw new SitingRequestException("spacing", "a grid of " + s + " m gives more than 20,000 "
                            + "candidates over this boundary; choose a larger spacing");
                }
            }
        }
        return out;
    }

    /** A square park of just over {@code area} m² about a point (metres), in lon/lat rounded as returned. */
    private static Feature square(GaussKrugerZone zone, Coordinate c, double area, String id) {
        // 0.1 % over the class's minimum, so rounding the corners to 1e-9° cannot drop it below the class
        double h = Math.sqrt(area * 1.001) / 2;
        Geometry sq = GeoJson.WGS84.toGeometry(new Envelope(c.x - h, c.x + h, c.y - h, c.y + h));
        return new Feature(id, rounded(zone.toLonLat(sq)), Map.of());
    }

    /** Coordinates rounded to {@link #DECIMALS}: the site returned (and published) is the site computed. */
    static Geometry rounded(Geometry g) {
        double f = Math.pow(10, DECIMALS);
        return new GeometryTransformer() {
            @Override
            protected org.locationtech.jts.geom.CoordinateSequence transformCoordinates(
                    org.locationtech.jts.geom.CoordinateSequence seq, Geometry parent) {
                org.locationtech.jts.geom.CoordinateSequence copy = seq.copy();
                for (int i = 0; i < copy.size(); i++) {
                    copy.setOrdinate(i, 0, Math.round(copy.getX(i) * f) / f);
                    copy.setOrdinate(i, 1, Math.round(copy.getY(i) * f) / f);
                }
                return copy;
            }
        }.transform(g);
    }

    /**
     * The candidates passing the control-line check (the same check and rule as {@code POST …/checks/control-lines})
     * and {@code qualifies}; the others counted by reason.
     */
    private List<Feature> filter(Workspace ws, List<Feature> made, java.util.function.Predicate<Feature> qualifies,
            Map<String, Integer> excluded, List<String> notes) {
        ControlLineService.Checker checker;
        try {
            checker = controlLines.checker(ws.id(), null);
        } catch (MissingLayerException e) {
            checker = null;
            notes.add("The workspace has no control-line layer: candidates were not checked against control lines.");
        }
        List<Feature> kept = new ArrayList<>();
        for (Feature f : made) {
            if (!qualifies.test(f)) {
                excluded.merge("below_park_size_class", 1, Integer::sum);
                continue;
            }
            List<String> failed = checker == null ? List.of() : checker.lines().check(f.geometry()).failedLines();
            if (failed.isEmpty()) {
                kept.add(f);
            }
            for (String line : failed) {
                excluded.merge(line, 1, Integer::sum);
            }
        }
        return kept;
    }

    private static double[] ones(int n) {
        double[] w = new double[n];
        java.util.Arrays.fill(w, 1);
        return w;
    }

    private static double percent(double part, double whole) {
        return whole > 0 ? 100 * part / whole : 0;
    }

    private static void check(Progress p) {
        if (p.cancelled() || Thread.currentThread().isInterrupted()) {
            throw new CancelledException();
        }
    }
}
