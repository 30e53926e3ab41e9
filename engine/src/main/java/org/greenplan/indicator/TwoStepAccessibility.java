package org.greenplan.indicator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.greenplan.geo.Feature;
import org.greenplan.kind.LayerKind;
import org.locationtech.jts.densify.Densifier;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * 设施可达性（两步移动搜寻法）— accessibility that counts competition: coverage says whether a park or a clinic is
 * within reach, this says how much of it each resident gets when the neighbours want it too. The two-step
 * floating catchment ({@link FloatingCatchment}) per category: supply is a park's area (m²) or a facility's
 * {@code capacity} attribute (1 when it gives none); demand is each residential parcel's residents
 * ({@link ResidentPopulation}); each site's catchment is its reach as the coverage indicators draw it — a park's
 * service radius by its size class (城市体检 2021: ≥ 5000 m² → 500 m, 2000–5000 m² → 300 m; smaller parks and squares
 * supply nothing, as in {@link ParkServiceCoverage}), a facility's life-circle level distance (the first level of
 * GB 50180-2018 Appendix B requiring its category: 300 / 500 / 1000 m) — or one {@code reach} for all; weights decay
 * with distance ({@link DistanceDecay}: step, linear, Gaussian).
 *
 * <p>Distance from a parcel to a site: straight line ({@code mode=euclidean}) between the parcel polygon and the
 * park polygon or facility point (0 when they touch); along the streets ({@code mode=network}) by the same
 * walking search the life circle uses ({@link WalkingNetwork#nearestFacilities}: from the parcel's boundary access
 * points to the facility, or to the nearest of points every 50 m along the park's boundary). Walking is never
 * shorter than the straight line, so network accessibility reaches no more sites than straight-line.
 *
 * <p>The value is the residents' mean accessibility, Σ P·A ÷ Σ P: for parks m² of park per resident, for facilities
 * capacity per 1,000 residents. With step decay it equals the supply that any resident reaches ÷ all residents.
 * Residential land only inside the area counts as demand: residents just outside compete for its sites too, so a
 * part of a city reads a little high at its edge; run the whole workspace for the full figure.
 */
public final class TwoStepAccessibility extends StandardIndicator {

    public static final String ID = "accessibility_2sfca";
    public static final String PARK = "park";
    /** Finding kind of the per-parcel values (the map layer). */
    public static final String PARCEL_VALUE = "accessibility";
    /** Quantiles reported overall and per admin area, population-weighted. */
    static final double[] QUANTILES = {0.10, 0.25, 0.50, 0.75, 0.90};
    /** A site exactly at its reach counts (the standards' "within" is ≤; lon/lat round trips move vertices ~0.1 mm). */
    private static final double TOLERANCE_M = 0.001;
    /** Park boundary points for the walking search: one every 50 m, at most 64 (the life circle's access points). */
    private static final double PARK_POINT_SPACING_M = 50;
    private static final int MAX_PARK_POINTS = 64;
    /** Sites searched on the network at once: each is its own group, with a distance array the size of the graph. */
    private static final int SITES_PER_SEARCH = 64;
    private static final double FACILITY_SCALE = 1000;

    private static final LifeCircleLevels TABLE = LifeCircleLevels.defaults();
    private static final Parameters LIFE_CIRCLE = Parameters.of(LifeCircleCoverage.PARAMETERS, Map.of());
    static final List<String> CATEGORIES = categories();

    static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.choice("category", PARK, CATEGORIES, "park (supply = park area) or a life-circle requirement "
                    + "or facility category (supply = capacity attribute, else 1 per facility)"),
            ParameterSpec.choice("decay", "step", DistanceDecay.NAMES, "distance decay inside a catchment: step (the "
                    + "original 2SFCA), linear (1 − d/d₀) or gaussian (Gaussian 2SFCA, 1 at the site, 0 at d₀)"),
            ParameterSpec.number("reach", null, 1, 10_000, "m", "one catchment for every site instead of the park "
                    + "size classes (500/300 m) or the facility's life-circle level distance (300/500/1000 m); with it "
                    + "parks of any size count"),
            DistanceMode.SPEC);

    public static final IndicatorDefinition DEFINITION = IndicatorDefinition.builder(ID, TwoStepAccessibility::new)
            .name("设施可达性（两步移动搜寻法）", "Accessibility (two-step floating catchment)").unit("m2/person")
            .definition("Population-weighted mean of each residential parcel's accessibility A = Σ_j R_j·w(d), "
                    + "R_j = supply_j ÷ Σ_i residents_i·w(d) over the residents within site j's catchment (2SFCA): parks "
                    + "supply their area (unit m2/person), facilities their capacity attribute or 1 (unit per 1000 "
                    + "persons); catchment = park service radius by size class or the category's life-circle distance; "
                    + "w = step, linear or gaussian decay; distances straight-line or walked (mode). Per-parcel values "
                    + "map as findings, quantiles per admin area.")
            .standard("Luo & Wang 2003 (2SFCA); Dai 2010 (Gaussian 2SFCA); catchments after MOHURD 城市体检 2021 park "
                    + "size classes and GB 50180-2018 2.0.2–2.0.4, Appendix B")
            .requires(LayerKind.RESIDENTIAL)
            .alsoReads(LayerKind.PARK, LayerKind.FACILITY, LayerKind.ADMIN_AREA, LayerKind.ROAD, LayerKind.BUILDING)
            .parameters(PARAMETERS)
            // sites outside the area serve residents inside it up to their catchment
            .reach(new Reach(Set.of(LayerKind.PARK, LayerKind.FACILITY), TwoStepAccessibility::largestCatchment))
            .gaps("residential land no site of the category reaches")
            .build();

    public TwoStepAccessibility() {
        this(Map.of());
    }

    public TwoStepAccessibility(Map<String, ?> parameters) {
        super(DEFINITION, parameters);
    }

    /** "park", every life-circle requirement key and every facility category named in a requirement. */
    private static List<String> categories() {
        Set<String> out = new LinkedHashSet<>();
        out.add(PARK);
        for (String level : LifeCircleLevels.LEVELS) {
            for (LifeCircleLevels.Requirement r : TABLE.requirements(level)) {
                out.add(r.key());
                out.addAll(r.categories());
            }
        }
        return List.copyOf(out);
    }

    /** Metres of the first (shortest) life-circle level requiring this facility category or requirement. */
    static double levelDistance(String category) {
        for (String level : LifeCircleLevels.LEVELS) {
            for (LifeCircleLevels.Requirement r : TABLE.requirements(level)) {
                if (r.key().equals(category) || r.categories().contains(category)) {
                    return LifeCircleCoverage.distance(LIFE_CIRCLE, level);
                }
            }
        }
        throw new IllegalStateException("no life-circle level requires " + category);
    }

    /** The furthest any site of the category serves: how far beyond the area the server loads sites. */
    private static double largestCatchment(Parameters p) {
        if (p.optionalNumber("reach").isPresent()) {
            return p.number("reach");
        }
        return PARK.equals(p.text("category")) ? PARK_RULES.radius(Double.MAX_VALUE, false, false)
                : levelDistance(p.text("category"));
    }

    /** The park size classes of the coverage indicator, its defaults (城市体检 2021). */
    private static final ParkServiceCoverage PARK_RULES = new ParkServiceCoverage();

    /** The supply sites of a run: geometry, supply and catchment of each. */
    private record Sites(List<Projected> features, double[] supply, double[] reach, String unitName) {
    }

    @Override
    public IndicatorResult compute(Layers layers) {
        MetricFrame frame = MetricFrame.of(layers);
        AdminAreas admin = new AdminAreas(frame.polygons(layers.get(LayerKind.ADMIN_AREA)));
        ResidentPopulation population = ResidentPopulation.of(frame, layers, admin,
                frame.polygons(layers.get(LayerKind.RESIDENTIAL)));
        List<Projected> parcels = population.parcels;
        String category = params.text("category");
        boolean park = PARK.equals(category);
        Sites sites = park ? parks(frame.polygons(layers.get(LayerKind.PARK))) : facilities(frame.points(layers.get(LayerKind.FACILITY)));
        WalkingNetwork network = DistanceMode.of(params, layers);
        List<FloatingCatchment.Link> links = network == null ? straightLinks(sites, parcels)
                : walkedLinks(sites, parcels, network, frame);
        double[] demand = parcels.stream().mapToDouble(Projected::population).toArray();
        FloatingCatchment.Result r = FloatingCatchment.compute(sites.supply(), sites.reach(), demand, links,
                DistanceDecay.of(params.text("decay")));

        double scale = park ? 1 : FACILITY_SCALE;
        String unit = park ? "m2/person" : "per 1000 persons";
        double residents = 0, weighted = 0, withoutAccess = 0;
        List<List<double[]>> byArea = new ArrayList<>();
        admin.list().forEach(a -> byArea.add(new ArrayList<>()));
        List<double[]> all = new ArrayList<>();
        Gaps gaps = new Gaps();
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < parcels.size(); i++) {
            Projected p = parcels.get(i);
            double a = r.accessibility()[i];
            residents += demand[i];
            weighted += demand[i] * a;
            all.add(new double[] {a, demand[i]});
            if (r.sitesInReach()[i] == 0) {
                withoutAccess += demand[i];
                gaps.add(p.metres());
            }
            double density = demand[i] / p.metres().getArea();
            admin.split(p.metres(), null, (area, part, none) -> byArea.get(area.index()).add(new double[] {a, density * part.getArea()}));
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("accessibility", scale * a);
            details.put("residents", demand[i]);
            details.put("sites", r.sitesInReach()[i]);
            findings.add(new Finding(PARCEL_VALUE, p.id(), p.metres().getArea(), p.feature().geometry(), details));
        }

        List<Measure> measures = new ArrayList<>(quantiles(all, scale, unit));
        measures.add(new Measure("supply", Arrays.stream(sites.supply()).sum(), park ? "m2" : "capacity",
                Arrays.stream(sites.supply()).sum(), 1));
        measures.add(new Measure("sites", sites.supply().length, "sites", sites.supply().length, 1));
        measures.add(new Measure("residents_without_access", Tally.ratio(withoutAccess, residents, 100), "%", withoutAccess,
                residents));
        if (residents > 0) {
            measures.add(new Measure(ResidentPopulation.RESIDENTS, residents, "persons", residents, residents));
        }
        List<AreaBreakdown> breakdown = new ArrayList<>();
        for (AdminAreas.Area area : admin.list()) {
            List<double[]> values = byArea.get(area.index());
            double num = values.stream().mapToDouble(v -> v[0] * v[1]).sum();
            double den = values.stream().mapToDouble(v -> v[1]).sum();
            breakdown.add(new AreaBreakdown(area.id(), area.name(), Tally.ratio(num, den, scale), num, den,
                    quantiles(values, scale, unit)));
        }

        List<String> notes = new ArrayList<>();
        notes.add("Two-step floating catchment: each site's " + sites.unitName() + " ÷ the residents within its "
                + "catchment (weighted by " + params.text("decay") + " decay), summed back over the sites each parcel "
                + "reaches; the value is the residents' mean, " + unit + ".");
        notes.add(network == null ? "Straight-line distances between the parcel and the site (0 when they touch)."
                : "Walking-network distances on " + network.description() + ": from the parcel's boundary to the "
                        + (park ? "nearest point of the park's boundary" : "facility") + " along the streets.");
        notes.add(sites.supply().length + " " + (park ? "parks" : "facilities of '" + category + "'") + " supply "
                + (params.optionalNumber("reach").isPresent() ? "within " + params.number("reach") + " m"
                        : park ? "within their service radius (≥ 5000 m² → 500 m, 2000–5000 m² → 300 m; smaller parks "
                                + "and squares do not count)" : "within " + levelDistance(category) + " m (life-circle level)")
                + "; residential land only inside the area competes for them.");
        if (sites.supply().length == 0) {
            notes.add("No " + (park ? "qualifying park" : "facility of '" + category + "'") + ": every resident's "
                    + "accessibility is 0.");
        }
        if (residents <= 0) {
            notes.add("No residents on the residential land given, " + IndicatorResult.NO_VALUE);
        }
        notes.add(population.note());
        return new IndicatorResult(ID, Tally.ratio(weighted, residents, scale), unit, weighted, residents, measures,
                breakdown, gaps.toLonLat(frame), findings, population.parameters(params.asMap()), notes, frame.epsg());
    }

    /**
     * The population-weighted quantiles p10…p90 of per-parcel values: the smallest value that at least that share of
     * the residents do not exceed. {@code values}: pairs (accessibility, residents). Empty without residents.
     */
    static List<Measure> quantiles(List<double[]> values, double scale, String unit) {
        double total = values.stream().mapToDouble(v -> v[1]).sum();
        if (!(total > 0)) {
            return List.of();
        }
        List<double[]> sorted = values.stream().filter(v -> v[1] > 0).sorted((a, b) -> Double.compare(a[0], b[0])).toList();
        List<Measure> out = new ArrayList<>();
        for (double q : QUANTILES) {
            double cum = 0;
            double value = sorted.get(sorted.size() - 1)[0];
            for (double[] v : sorted) {
                cum += v[1];
                if (cum >= q * total * (1 - 1e-12)) {
                    value = v[0];
                    break;
                }
            }
            out.add(new Measure("p" + Math.round(q * 100), scale * value, unit, value, 1));
        }
        return out;
    }

    /** Qualifying park pieces: each supplies its own area, within the radius of the whole park it belongs to. */
    private Sites parks(List<Projected> pieces) {
        double[] whole = ParkGroups.parkAreas(pieces);
        var given = params.optionalNumber("reach");
        List<Projected> kept = new ArrayList<>();
        List<Double> supply = new ArrayList<>();
        List<Double> reach = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            Projected p = pieces.get(i);
            if (ParkServiceCoverage.isSquare(p)) {
                continue; // 广场用地 is no 公园绿地
            }
            double radius = given.isPresent() ? given.getAsDouble() : PARK_RULES.radius(whole[i], false, false);
            if (radius >= 0) {
                kept.add(p);
                supply.add(p.metres().getArea());
                reach.add(radius);
            }
        }
        return new Sites(kept, unbox(supply), unbox(reach), "park area (m²)");
    }

    /** Facilities of the category: each supplies its {@code capacity} (1 without one) within the level's distance. */
    private Sites facilities(List<Projected> points) {
        String category = params.text("category");
        List<String> accepted = acceptedCategories(category);
        double radius = params.optionalNumber("reach").orElse(levelDistance(category));
        List<Projected> kept = new ArrayList<>();
        List<Double> supply = new ArrayList<>();
        for (Projected p : points) {
            if (accepted.contains(p.feature().text("category"))) {
                var capacity = p.feature().number("capacity");
                kept.add(p);
                supply.add(capacity.isPresent() && capacity.getAsDouble() > 0 ? capacity.getAsDouble() : 1);
            }
        }
        double[] reach = new double[kept.size()];
        Arrays.fill(reach, radius);
        return new Sites(kept, unbox(supply), reach, "capacity (1 per facility without one)");
    }

    /** A requirement key accepts any of its categories; a plain category only itself. */
    private static List<String> acceptedCategories(String category) {
        for (String level : LifeCircleLevels.LEVELS) {
            for (LifeCircleLevels.Requirement r : TABLE.requirements(level)) {
                if (r.key().equals(category)) {
                    return r.categories();
                }
            }
        }
        return List.of(category);
    }

    /** Every (site, parcel) pair within the site's catchment, by straight-line distance. */
    @SuppressWarnings("unchecked")
    private static List<FloatingCatchment.Link> straightLinks(Sites sites, List<Projected> parcels) {
        STRtree index = new STRtree();
        for (int i = 0; i < parcels.size(); i++) {
            index.insert(parcels.get(i).metres().getEnvelopeInternal(), i);
        }
        List<FloatingCatchment.Link> links = new ArrayList<>();
        for (int j = 0; j < sites.features().size(); j++) {
            Geometry site = sites.features().get(j).metres();
            double reach = sites.reach()[j];
            var env = site.getEnvelopeInternal().copy();
            env.expandBy(reach + TOLERANCE_M);
            for (int i : (List<Integer>) index.query(env)) {
                double d = parcels.get(i).metres().distance(site);
                if (d <= reach + TOLERANCE_M) {
                    links.add(new FloatingCatchment.Link(j, i, Math.min(d, reach)));
                }
            }
        }
        return links;
    }

    /** The same pairs by walking distance: each site is its own group of the walking search, a few dozen at a time. */
    private static List<FloatingCatchment.Link> walkedLinks(Sites sites, List<Projected> parcels, WalkingNetwork network,
            MetricFrame frame) {
        List<Feature> parcelFeatures = parcels.stream().map(Projected::feature).toList();
        List<FloatingCatchment.Link> links = new ArrayList<>();
        int n = sites.features().size();
        for (int from = 0; from < n; from += SITES_PER_SEARCH) {
            Map<String, List<Feature>> groups = new LinkedHashMap<>();
            Map<String, Double> max = new LinkedHashMap<>();
            for (int j = from; j < Math.min(n, from + SITES_PER_SEARCH); j++) {
                Projected site = sites.features().get(j);
                String key = Integer.toString(j);
                groups.put(key, site.metres() instanceof org.locationtech.jts.geom.Puntal ? List.of(site.feature())
                        : boundaryPoints(site, frame));
                max.put(key, sites.reach()[j] + TOLERANCE_M);
            }
            List<Map<String, Double>> reached = network.nearestFacilities(parcelFeatures, groups, max);
            for (int i = 0; i < reached.size(); i++) {
                for (Map.Entry<String, Double> e : reached.get(i).entrySet()) {
                    int j = Integer.parseInt(e.getKey());
                    if (e.getValue() <= sites.reach()[j] + TOLERANCE_M) {
                        links.add(new FloatingCatchment.Link(j, i, Math.min(e.getValue(), sites.reach()[j])));
                    }
                }
            }
        }
        return links;
    }

    /** Points along a park's outer boundary (every vertex, and every 50 m between), at most 64, as lon/lat features. */
    private static List<Feature> boundaryPoints(Projected park, MetricFrame frame) {
        List<Coordinate> coords = new ArrayList<>();
        Geometry g = park.metres();
        for (int k = 0; k < g.getNumGeometries(); k++) {
            if (g.getGeometryN(k) instanceof Polygon poly) {
                Geometry ring = Densifier.densify(poly.getExteriorRing(), PARK_POINT_SPACING_M);
                Coordinate[] cs = ring.getCoordinates();
                coords.addAll(Arrays.asList(cs).subList(0, Math.max(0, cs.length - 1))); // the ring closes on its first
            }
        }
        double step = Math.max(1, coords.size() / (double) MAX_PARK_POINTS);
        List<Feature> out = new ArrayList<>();
        for (double x = 0; x < coords.size(); x += step) {
            Geometry point = frame.toLonLat(g.getFactory().createPoint(coords.get((int) x)));
            out.add(new Feature(park.id() + "#" + out.size(), point, Map.of()));
        }
        return out;
    }

    private static double[] unbox(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
