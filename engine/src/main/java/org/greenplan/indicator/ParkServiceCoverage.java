package org.greenplan.indicator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.greenplan.kind.LayerKind;
import org.locationtech.jts.geom.Geometry;

/**
 * 公园绿地服务半径覆盖率 (park service-radius coverage), INDICATORS.md §1: residential land within the
 * service radius of a qualifying park ÷ all residential land × 100. The radius is a Euclidean buffer of
 * the park boundary; parks qualify by area (2021 城市体检 rule: ≥ 5000 m² → 500 m, 2000–5000 m² → 300 m,
 * smaller parks do not count); a park drawn in pieces is measured whole ({@link ParkGroups}: the parts of a
 * multipolygon, and same-name pieces touching or within 20 m of each other). Optionally parks flagged {@code historic_district} (历史文化街区) count
 * from 1000 m² with 300 m. Overlapping service areas count once. Residents covered ÷ residents is
 * reported beside it, each parcel's {@code population} spread evenly over its area; parcels without one get
 * their share of their admin area's ({@link ResidentPopulation}).
 *
 * <p>With {@code mode=network} ({@link DistanceMode}) the same parks and radii are walked instead: the service
 * area of a park is the ground a walker reaches within its radius ({@link WalkingNetwork#parkServedGround}:
 * along the streets from the park boundary, then at most 50 m off a street and never beyond the radius left),
 * so a parcel is covered in part, as in Euclidean mode, and never more than there. The built-up scope,
 * breakdown and gaps are the same code in both modes.
 *
 * <p>Two rule sets ({@code ruleSet}, INDICATORS.md §1): {@code mohurd2021} (default) is the 2021 城市体检 indicator
 * the reports and the 美丽城镇 targets are filled from, with the size classes above; {@code gbt51346} is GB/T
 * 51346-2019 城市绿地规划标准 cl. 4.3.4: 公园绿地 <em>and</em> 广场用地, one 500 m radius, no size class, target
 * &gt; 90 %. Squares are read from the park layer: a feature whose {@code class} names 广场用地 (广场, G3, square)
 * is a square; it counts only under gbt51346 (a square is no 公园绿地 under the 城市体检 rule).
 */
public final class ParkServiceCoverage extends StandardIndicator {

    public static final String ID = "park_service_coverage";

    /** Attribute that marks a park inside a 历史文化街区 for the optional rule. */
    public static final String HISTORIC_ATTRIBUTE = "historic_district";

    /**
     * Added to every radius: geometry arrives via lon/lat, whose round trip moves vertices by ~0.1 mm, and
     * a parcel drawn exactly at the radius must count as inside (the standard's "within" is ≤).
     */
    static final double BOUNDARY_TOLERANCE_M = 0.001;

    /** The rule sets: the 2021 城市体检 size classes (default) and GB/T 51346-2019 cl. 4.3.4. */
    public static final String MOHURD_2021 = "mohurd2021";
    public static final String GBT_51346 = "gbt51346";

    /** GB/T 51346-2019 cl. 4.3.4: one service radius for every park and square, whatever its size. */
    static final double GBT_51346_RADIUS = 500.0;

    static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.choice("ruleSet", MOHURD_2021, List.of(MOHURD_2021, GBT_51346), "mohurd2021 (default: the 2021 "
                    + "城市体检 indicator that reports and the 美丽城镇 targets use; parks only, ≥5000 m² → 500 m, 2000–5000 m² → "
                    + "300 m) or gbt51346 (GB/T 51346-2019 城市绿地规划标准 cl. 4.3.4: parks and squares — park features whose "
                    + "class is 广场/G3/square — one 500 m radius, no size class, target > 90 %); sources in INDICATORS.md §1"),
            ParameterSpec.number("largeParkMinArea", 5000.0, 0, 1e9, "m2", "parks at least this large serve largeParkRadius"),
            ParameterSpec.number("largeParkRadius", 500.0, 0, 10_000, "m", "service radius of large parks"),
            ParameterSpec.number("smallParkMinArea", 2000.0, 0, 1e9, "m2", "parks at least this large (and below largeParkMinArea) serve smallParkRadius; smaller parks do not count"),
            ParameterSpec.number("smallParkRadius", 300.0, 0, 10_000, "m", "service radius of small parks"),
            ParameterSpec.flag("historicDistrictRule", false, "count parks flagged historic_district (历史文化街区) from historicParkMinArea with historicParkRadius"),
            ParameterSpec.number("historicParkMinArea", 1000.0, 0, 1e9, "m2", "minimum area of a 历史文化街区 park under the optional rule"),
            ParameterSpec.number("historicParkRadius", 300.0, 0, 10_000, "m", "service radius of a 历史文化街区 park under the optional rule"),
            ParameterSpec.flag("clipToBuiltUp", true, "when a built_up_area layer is given, count only residential land inside it (the standard's scope is the 建成区)"),
            ParameterSpec.number("bufferQuadrantSegments", 16.0, 2, 128, null, "segments per quarter circle of the buffer; 16 under-states a circle's area by 0.16%"),
            DistanceMode.SPEC);

    public static final IndicatorDefinition DEFINITION = IndicatorDefinition.builder(ID, ParkServiceCoverage::new)
            .name("公园绿地服务半径覆盖率", "Park service-radius coverage").unit("%")
            .definition("Residential land within the service radius of a qualifying park ÷ all residential land × 100; "
                    + "overlapping service areas count once. Also residents covered ÷ residents. mode=network walks the "
                    + "streets (the part of each parcel reached on foot; the default when a road layer exists), mode=euclidean buffers the park boundary.")
            .standard("MOHURD 城市体检 2021 (≥5000 m² → 500 m, 2000–5000 m² → 300 m; default ruleSet=mohurd2021); "
                    + "GB/T 51346-2019 4.3.4 (parks and squares, 500 m, no size class, >90%; ruleSet=gbt51346); "
                    + "GB/T 50563-2010; GB 55014-2021 2.1.3 (>80%)")
            .requires(LayerKind.RESIDENTIAL, LayerKind.PARK)
            .alsoReads(LayerKind.ADMIN_AREA, LayerKind.BUILT_UP_AREA, LayerKind.ROAD, LayerKind.BUILDING)
            .parameters(PARAMETERS)
            // parks outside the area serve residents inside it up to the largest radius any rule may give them
            .reach(Reach.of(LayerKind.PARK, p -> GBT_51346.equals(p.text("ruleSet")) ? GBT_51346_RADIUS
                    : Math.max(p.number("largeParkRadius"), Math.max(p.number("smallParkRadius"), p.number("historicParkRadius")))))
            .gaps("residential land outside every qualifying park's service radius")
            .build();

    public ParkServiceCoverage() {
        this(Map.of());
    }

    public ParkServiceCoverage(Map<String, ?> parameters) {
        super(DEFINITION, parameters);
        if (params.number("smallParkMinArea") > params.number("largeParkMinArea")) {
            throw new InvalidParameterException("smallParkMinArea", "must not exceed largeParkMinArea");
        }
    }

    @Override
    public IndicatorResult compute(Layers layers) {
        MetricFrame frame = MetricFrame.of(layers);
        List<Projected> parks = frame.polygons(layers.get(LayerKind.PARK));
        AdminAreas admin = new AdminAreas(frame.polygons(layers.get(LayerKind.ADMIN_AREA)));
        ResidentPopulation population = ResidentPopulation.of(frame, layers, admin, frame.polygons(layers.get(LayerKind.RESIDENTIAL)));
        List<Projected> parcels = population.parcels;

        WalkingNetwork network = DistanceMode.of(params, layers);
        // the ground each qualifying park serves: its Euclidean buffer, or what a walker reaches along the streets
        double[] radii = radii(parks);
        List<Geometry> serviceAreas = serviceAreas(parks, radii, frame, network);
        int qualifying = (int) java.util.Arrays.stream(radii).filter(r -> r >= 0).count();
        PolygonIndex served = new PolygonIndex(serviceAreas);

        List<Projected> builtUp = params.flag("clipToBuiltUp") ? frame.polygons(layers.get(LayerKind.BUILT_UP_AREA)) : List.of();
        PolygonIndex scope = builtUp.isEmpty() ? null : new PolygonIndex(builtUp.stream().map(Projected::metres).toList());
        Sums sums = Chunks.reduce(parcels.size(), () -> new Sums(admin.size()),
                (acc, i) -> acc.add(parcels.get(i), scope, served, admin), Sums::merge);

        boolean withPopulation = sums.residents > 0;
        List<Measure> measures = new ArrayList<>();
        if (withPopulation) {
            measures.add(new Measure(Tally.POPULATION_WEIGHTED, Tally.ratio(sums.residentsCovered, sums.residents, 100), "%",
                    sums.residentsCovered, sums.residents));
        }
        ResidentPopulation.addMeasures(measures, sums.residentsCovered, sums.residents);
        measures.add(new Measure("qualifying_parks", qualifying, "parks", qualifying, parks.size()));

        List<String> notes = new ArrayList<>();
        notes.add(network == null ? "Service area = Euclidean buffer of the park boundary; network or entrance-based radii give lower values."
                : "Walking-network distances on " + network.description() + ": the part of each parcel a walker reaches "
                        + "counts: from the park boundary along the streets, then at most 50 m off a street (less where "
                        + "less of the radius is left), as isochrones are drawn; never more than the Euclidean buffer.");
        notes.add(gbt51346()
                ? "Rule set GB/T 51346-2019 cl. 4.3.4: parks and squares (class 广场/G3/square), one 500 m radius, no size "
                        + "class; the standard's target is > 90 %."
                : "Rule set 城市体检 2021: " + (parks.size() - qualifying) + " of " + parks.size() + " park features are below "
                        + "the size threshold or are squares (广场用地), and do not count.");
        notes.add(scope != null ? "Residential land clipped to the built_up_area (建成区)."
                : "No built_up_area used: denominator is all residential land given (the official scope is the 建成区).");
        if (sums.total == 0) {
            notes.add("No residential land in the area, " + IndicatorResult.NO_VALUE);
        }
        notes.add(population.note());
        if (withPopulation && sums.withoutPopulation > 0) {
            notes.add(sums.withoutPopulation + " residential parcels have no population and count as 0 residents.");
        }
        return new IndicatorResult(ID, Tally.ratio(sums.covered, sums.total, 100), "%", sums.covered, sums.total,
                measures, sums.tally.breakdown(admin, 100, "%", withPopulation), sums.gaps.toLonLat(frame), List.of(),
                population.parameters(params.asMap()), notes, frame.epsg());
    }

    /**
     * The ground the qualifying ones of {@code parks} serve (zone metres): Euclidean buffers of the radius, or in
     * network mode what a walker reaches. Pieces, possibly overlapping. The siting builds its candidates' service
     * areas with this too ({@link ParkCoverageDemand}), so a chosen site serves exactly what the indicator counts.
     */
    List<Geometry> serviceAreas(List<Projected> parks, MetricFrame frame, WalkingNetwork network) {
        return serviceAreas(parks, radii(parks), frame, network);
    }

    /** The same with each piece's radius already known (the park groups are found once per run). */
    private List<Geometry> serviceAreas(List<Projected> parks, double[] radii, MetricFrame frame, WalkingNetwork network) {
        int segments = (int) params.number("bufferQuadrantSegments");
        if (network == null) {
            // buffers are the costliest step after the parcels themselves (≈2k parks at 64 segments a circle)
            List<Integer> qualifying = java.util.stream.IntStream.range(0, parks.size()).filter(i -> radii[i] >= 0)
                    .boxed().toList();
            return Chunks.map(qualifying, i -> parks.get(i).metres().buffer(radii[i] + BOUNDARY_TOLERANCE_M, segments));
        }
        Map<Double, List<org.greenplan.geo.Feature>> parksByRadius = new java.util.TreeMap<>();
        for (int i = 0; i < parks.size(); i++) {
            if (radii[i] >= 0) {
                parksByRadius.computeIfAbsent(radii[i], r -> new ArrayList<>()).add(parks.get(i).feature());
            }
        }
        return network.parkServedGround(parksByRadius, frame.zone());
    }

    /** Per-chunk sums over residential parcels. */
    private static final class Sums {
        final Tally tally;
        final Gaps gaps = new Gaps();
        double total, covered, residents, residentsCovered;
        int withoutPopulation;

        Sums(int areas) {
            tally = new Tally(areas);
        }

        void add(Projected parcel, PolygonIndex scope, PolygonIndex served, AdminAreas admin) {
            // Residents live evenly over the whole parcel, so clipping to the 建成区 keeps the density.
            double density = parcel.population() / parcel.metres().getArea();
            Geometry g = scope == null ? parcel.metres() : scope.overlap(parcel.metres());
            if (g.isEmpty()) {
                return;
            }
            Geometry out = served.outside(g);
            double area = g.getArea();
            double inArea = out == g ? 0 : area - out.getArea();
            total += area;
            covered += inArea;
            residents += density * area;
            residentsCovered += density * inArea;
            if (!parcel.hasPopulation()) {
                withoutPopulation++;
            }
            gaps.add(out);
            admin.split(g, out, (a, whole, gap) -> {
                double w = whole.getArea();
                double s = w - (gap == whole ? w : gap.getArea());
                tally.add(a.index(), s, w);
                tally.addPopulation(a.index(), density * s, density * w);
            });
        }

        Sums merge(Sums o) {
            tally.merge(o.tally);
            gaps.merge(o.gaps);
            total += o.total;
            covered += o.covered;
            residents += o.residents;
            residentsCovered += o.residentsCovered;
            withoutPopulation += o.withoutPopulation;
            return this;
        }
    }

    /** Each piece's service radius (-1: does not qualify): a park drawn in pieces is one park, sized as a whole. */
    private double[] radii(List<Projected> parks) {
        double[] parkAreas = ParkGroups.parkAreas(parks);
        double[] radii = new double[parks.size()];
        for (int i = 0; i < parks.size(); i++) {
            radii[i] = radius(parks.get(i), parkAreas[i]);
        }
        return radii;
    }

    /** The service radius of a park piece in m, or -1 when it does not qualify; {@code area}: the whole park's. */
    private double radius(Projected park, double area) {
        return radius(area, isHistoric(park), isSquare(park));
    }

    /** A new park of this area (m²): its service radius in m, or -1 when it does not qualify. */
    public double radius(double area, boolean historic) {
        return radius(area, historic, false);
    }

    private boolean gbt51346() {
        return GBT_51346.equals(params.text("ruleSet"));
    }

    /**
     * The service radius of a park or square of this area (m²) in m, or -1 when it does not qualify: one 500 m
     * radius for all under GB/T 51346; under 城市体检 2021 the size classes, and squares do not count.
     */
    double radius(double area, boolean historic, boolean square) {
        if (gbt51346()) {
            return area > 0 ? GBT_51346_RADIUS : -1;
        }
        if (square) {
            return -1;
        }
        double radius = -1;
        if (area >= params.number("largeParkMinArea")) {
            radius = params.number("largeParkRadius");
        } else if (area >= params.number("smallParkMinArea")) {
            radius = params.number("smallParkRadius");
        }
        if (params.flag("historicDistrictRule") && historic && area >= params.number("historicParkMinArea")) {
            radius = Math.max(radius, params.number("historicParkRadius"));
        }
        return radius;
    }

    /** 广场用地 drawn in the park layer: {@code class} 广场…, G3 (GB 50137), square or place=square (OSM). */
    static boolean isSquare(Projected park) {
        String v = park.feature().text("class");
        if (v == null) {
            return false;
        }
        String c = v.trim();
        return c.contains("广场") || c.equalsIgnoreCase("G3") || c.equalsIgnoreCase("square") || c.equalsIgnoreCase("place=square");
    }

    private static boolean isHistoric(Projected park) {
        String v = park.feature().text(HISTORIC_ATTRIBUTE);
        return v != null && (v.equalsIgnoreCase("true") || v.equals("1") || v.equals("是"));
    }
}
