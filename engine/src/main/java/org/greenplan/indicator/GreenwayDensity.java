package org.greenplan.indicator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.greenplan.kind.LayerKind;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/**
 * 万人拥有绿道长度 (greenway km per 10,000 people), INDICATORS.md §4: greenway length (km) ÷ population
 * (10,000s). Lines are clipped to the admin areas (the jurisdiction whose residents the denominator counts)
 * and dissolved so a stretch digitised twice counts once. The km per level (区域级 /
 * 城市级 / 社区级, from the {@code level} attribute) are reported as measures {@code length_km.<level>}.
 */
public final class GreenwayDensity extends StandardIndicator {

    public static final String ID = "greenway_density";
    static final String UNGRADED = "未分级";
    static final List<ParameterSpec> PARAMETERS = List.of();

    public static final IndicatorDefinition DEFINITION = IndicatorDefinition.builder(ID, GreenwayDensity::new)
            .name("万人拥有绿道长度", "Greenway length per 10,000 people").unit("km/10k persons")
            .definition("Greenway length (km, inside the admin areas, dissolved) ÷ population in 10,000s; km per level "
                    + "区域级/城市级/社区级 alongside.")
            .standard("绿道规划设计导则 (MOHURD 2016); 生态园林城市 assessment")
            .requires(LayerKind.GREENWAY)
            .alsoReads(LayerKind.ADMIN_AREA, LayerKind.RESIDENTIAL)
            .parameters(PARAMETERS)
            .build();

    public GreenwayDensity() {
        this(Map.of());
    }

    public GreenwayDensity(Map<String, ?> parameters) {
        super(DEFINITION, parameters);
    }

    @Override
    public IndicatorResult compute(Layers layers) {
        MetricFrame frame = MetricFrame.of(layers);
        List<Projected> adminAreas = frame.polygons(layers.get(LayerKind.ADMIN_AREA));
        AdminAreas admin = new AdminAreas(adminAreas);
        PopulationBase population = PopulationBase.of(admin, frame.polygons(layers.get(LayerKind.RESIDENTIAL)));
        List<Projected> greenways = frame.lines(layers.get(LayerKind.GREENWAY));

        Map<String, List<Geometry>> byLevel = new LinkedHashMap<>();
        for (String level : List.of("区域级", "城市级", "社区级")) {
            byLevel.put(level, new ArrayList<>());
        }
        // the jurisdiction: greenways running on beyond the admin areas count only inside them
        Geometry jurisdiction = adminAreas.isEmpty() ? null : MetricFrame.union(adminAreas);
        List<Geometry> inside = new ArrayList<>();
        double outsideKm = 0;
        for (Projected g : greenways) {
            Geometry in = jurisdiction == null ? g.metres() : Overlay.intersection(g.metres(), jurisdiction);
            outsideKm += (g.metres().getLength() - in.getLength()) / 1000;
            if (!in.isEmpty()) {
                inside.add(in);
                byLevel.computeIfAbsent(level(g.feature().text("level")), k -> new ArrayList<>()).add(in);
            }
        }
        Geometry all = UnaryUnionOp.union(inside);
        double km = all == null ? 0 : all.getLength() / 1000;
        double tenThousands = population.total / 10_000;

        List<Measure> measures = new ArrayList<>();
        measures.add(new Measure("length_km", km, "km", km, 1));
        byLevel.forEach((level, lines) -> {
            Geometry u = lines.isEmpty() ? null : UnaryUnionOp.union(lines);
            double levelKm = u == null ? 0 : u.getLength() / 1000;
            if (!lines.isEmpty() || !level.equals(UNGRADED)) {
                measures.add(new Measure("length_km." + level, levelKm, "km", levelKm, 1));
            }
        });
        if (!adminAreas.isEmpty()) {
            double km2 = MetricFrame.union(adminAreas).getArea() / 1e6;
            measures.add(new Measure("km_per_km2", Tally.ratio(km, km2, 1), "km/km2", km, km2));
        }

        double[] kmPerArea = new double[admin.size()];
        if (all != null && !all.isEmpty()) {
            admin.split(all, null, (a, part, none) -> kmPerArea[a.index()] += part.getLength() / 1000);
        }
        List<AreaBreakdown> breakdown = new ArrayList<>();
        for (AdminAreas.Area a : admin.list()) {
            double tt = population.perArea[a.index()] / 10_000;
            breakdown.add(new AreaBreakdown(a.id(), a.name(), Tally.ratio(kmPerArea[a.index()], tt, 1),
                    kmPerArea[a.index()], tt, List.of()));
        }
        List<String> notes = new ArrayList<>();
        notes.add(population.note());
        notes.add("Numerator in km, denominator in 10,000 persons; overlapping greenway lines counted once.");
        notes.add(jurisdiction == null ? "No admin areas given: greenways counted wherever they run."
                : String.format(java.util.Locale.ROOT, "Greenways clipped to the admin areas (the jurisdiction): %.2f km "
                        + "drawn outside them not counted.", outsideKm));
        return new IndicatorResult(ID, Tally.ratio(km, tenThousands, 1), "km/10k persons", km, tenThousands,
                measures, breakdown, frame.toLonLat(MetricFrame.emptyPolygon()), List.of(), params.asMap(), notes,
                frame.epsg());
    }

    /** Normalises the grade as it comes from different tables (区域级 / 区域 / regional ...). */
    static String level(String raw) {
        if (raw == null) {
            return UNGRADED;
        }
        String s = raw.toLowerCase(java.util.Locale.ROOT);
        if (s.contains("区域") || s.contains("region")) {
            return "区域级";
        }
        if (s.contains("城市") || s.contains("city") || s.contains("urban")) {
            return "城市级";
        }
        if (s.contains("社区") || s.contains("community")) {
            return "社区级";
        }
        return UNGRADED;
    }
}
