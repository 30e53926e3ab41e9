package org.greenplan.batch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.greenplan.geo.Feature;
import org.greenplan.geo.GaussKrugerZone;
import org.greenplan.indicator.AreaInputs;
import org.greenplan.indicator.DistanceMode;
import org.greenplan.indicator.IndicatorCatalogue;
import org.greenplan.indicator.IndicatorDefinition;
import org.greenplan.indicator.IndicatorResult;
import org.greenplan.indicator.Layers;
import org.greenplan.indicator.Parameters;
import org.greenplan.indicator.WalkingNetwork;
import org.greenplan.kind.LayerKind;
import org.greenplan.network.GraphWalkingNetwork;
import org.greenplan.network.WalkGraph;
import org.greenplan.network.WalkGraphBuilder;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.util.GeometryFixer;

/**
 * Every indicator of the catalogue for one unit (a town, a county, a city), both distance modes where the
 * indicator has them, from the features the spatial join gave the unit: the same engine classes and the same
 * choice of features as the server's {@code GET …/indicators/{id}?area=<unit>} ({@link AreaInputs}), so the
 * numbers are the web app's. Plain Java: runs inside a Spark task, in the test's reference run and in the
 * benchmark's one-JVM loop alike. A run that fails (no roads, a geometry the overlay refuses) becomes a row
 * with the reason instead of failing the job.
 */
public final class UnitIndicators {

    /** The server's defaults (greenplan.network.max-snap-metres, min-component-metres). */
    public static final double MAX_SNAP_METRES = 500;
    public static final double MIN_COMPONENT_METRES = 1000;

    /** One unit: its id (the admin area's code), name and lon/lat area. */
    public record Unit(String code, String name, Geometry area) {
    }

    /** One indicator of one unit in one mode ({@code null} for indicators without distances). */
    public record Row(String unitCode, String unitName, String indicator, String mode, double value,
            double numerator, double denominator, String measure, String reason) implements java.io.Serializable {
    }

    private UnitIndicators() {
    }

    /**
     * How far beyond a unit its inputs matter: the largest reach of any indicator at its defaults, doubled for
     * the walk (a path up to the reach never leaves a disc of that radius around the parcel, the doubling is
     * room for the street it snaps to and for the graph's small-component rule), plus the snap distance.
     */
    public static double marginMetres() {
        double reach = 0;
        for (IndicatorDefinition def : IndicatorCatalogue.all()) {
            reach = Math.max(reach, def.reach().metres(Parameters.of(def.parameters(), Map.of())));
        }
        return 2 * reach + MAX_SNAP_METRES;
    }

    /** The walking graph of these roads, measured in {@code zone} (the zone of the whole province's roads). */
    public static WalkGraph graph(List<Feature> roads, GaussKrugerZone zone) {
        return new WalkGraphBuilder().keepComponentsOfAtLeast(MIN_COMPONENT_METRES).zone(zone).build(roads);
    }

    /**
     * The unit's rows. {@code byKind} may hold more than the unit needs (the whole province, or the join's
     * margin): each run picks its features as the server does. {@code layers} are the kinds the inputs have a
     * layer of: an indicator missing a required one gets no value, with the reason, where the server refuses it
     * (422, missing layer) — a kind with a layer but no feature near the unit is measured (often as 0).
     * {@code network} gives the walking network for mode=network; it may throw (no walkable street), which
     * becomes the reason of the network rows.
     */
    public static List<Row> compute(Unit unit, Map<LayerKind, List<Feature>> byKind, Set<LayerKind> layers,
            Supplier<WalkingNetwork> network) {
        List<Row> rows = new ArrayList<>();
        Geometry area = unit.area();
        if (!area.isValid()) {
            area = GeometryFixer.fix(area); // recorded in every row's reason below
        }
        String areaNote = unit.area().isValid() ? null : "the unit's boundary is an invalid polygon (repaired for this run)";
        WalkingNetwork walk = null;
        String walkFailure = null;
        for (IndicatorDefinition def : IndicatorCatalogue.all()) {
            boolean distances = def.parameters().stream().anyMatch(p -> p.name().equals(DistanceMode.PARAMETER));
            List<LayerKind> missing = def.required().stream().filter(k -> !layers.contains(k)).toList();
            for (String mode : distances ? List.of(DistanceMode.EUCLIDEAN, DistanceMode.NETWORK) : singleNull()) {
                if (!missing.isEmpty()) {
                    rows.add(failed(unit, def, mode, join(areaNote, "missing input layer: no " + missing.stream()
                            .map(LayerKind::id).collect(Collectors.joining(", no ")) + " layer among the inputs")));
                    continue;
                }
                try {
                    Map<String, String> params = new LinkedHashMap<>();
                    if (mode != null) {
                        params.put(DistanceMode.PARAMETER, mode);
                    }
                    Parameters effective = Parameters.of(def.parameters(), params);
                    Layers.Builder b = Layers.builder().areaOfInterest(area);
                    for (LayerKind kind : def.kinds()) {
                        if (kind != LayerKind.ROAD) {
                            b.add(kind, select(def, kind, area, effective, byKind.getOrDefault(kind, List.of())));
                        }
                    }
                    if (DistanceMode.NETWORK.equals(mode)) {
                        if (walk == null && walkFailure == null) {
                            try {
                                walk = network.get();
                            } catch (RuntimeException e) {
                                walkFailure = "no walking network: " + e.getMessage();
                            }
                        }
                        if (walk == null) {
                            rows.add(failed(unit, def, mode, walkFailure));
                            continue;
                        }
                        b.network(walk);
                    }
                    IndicatorResult r = def.create(params).compute(b.build());
                    String reason = r.hasValue() ? areaNote : join(areaNote, r.noDataReason());
                    rows.add(new Row(unit.code(), unit.name(), def.id(), mode, r.value(), r.numerator(),
                            r.denominator(), r.unit(), reason));
                } catch (RuntimeException e) {
                    rows.add(failed(unit, def, mode, join(areaNote, e.getClass().getSimpleName() + ": " + e.getMessage())));
                }
            }
        }
        return rows;
    }

    /** The network of one unit's roads as the server's indicator routes walk it. */
    public static Supplier<WalkingNetwork> networkOf(List<Feature> roads, GaussKrugerZone zone) {
        return () -> {
            if (roads.isEmpty()) {
                throw new IllegalArgumentException("no road features within reach of the unit");
            }
            WalkGraph g = graph(roads, zone);
            return new GraphWalkingNetwork(g, MAX_SNAP_METRES, roads.size() + " road features");
        };
    }

    /** The features one run reads, chosen as IndicatorService chooses them (AreaInputs). */
    static List<Feature> select(IndicatorDefinition def, LayerKind kind, Geometry area, Parameters effective,
            List<Feature> all) {
        List<Feature> out = new ArrayList<>();
        if (def.reach().kinds().contains(kind)) {
            Geometry around = AreaInputs.around(area, def.reach().metres(effective));
            for (Feature f : all) {
                if (f.geometry().intersects(around)) {
                    out.add(f);
                }
            }
            return out;
        }
        for (Feature f : all) {
            if (!f.geometry().intersects(area)) {
                continue;
            }
            if (!AreaInputs.CLIPPED.contains(kind) || f.geometry().coveredBy(area)) {
                out.add(f);
            } else {
                out.add(new Feature(f.id(), clip(f.geometry(), area, kind), f.attributes()));
            }
        }
        return out;
    }

    /** ST_CollectionExtract(ST_Intersection(g, area), dimension of the kind), as the server's SQL. */
    private static Geometry clip(Geometry g, Geometry area, LayerKind kind) {
        Geometry cut = g.intersection(area);
        int dim = switch (kind.geometry()) {
            case LINE -> 1;
            case POINT -> 0;
            default -> 2;
        };
        List<Geometry> parts = new ArrayList<>();
        for (int i = 0; i < cut.getNumGeometries(); i++) {
            Geometry p = cut.getGeometryN(i);
            if (p.getDimension() == dim && !p.isEmpty()) {
                parts.add(p);
            }
        }
        Geometry out = g.getFactory().buildGeometry(parts);
        out.setSRID(g.getSRID());
        return out;
    }

    private static Row failed(Unit unit, IndicatorDefinition def, String mode, String reason) {
        return new Row(unit.code(), unit.name(), def.id(), mode, Double.NaN, Double.NaN, Double.NaN, def.unit(), reason);
    }

    private static String join(String a, String b) {
        return a == null ? b : b == null ? a : a + "; " + b;
    }

    private static List<String> singleNull() {
        List<String> l = new ArrayList<>();
        l.add(null);
        return l;
    }
}
