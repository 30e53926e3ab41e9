package org.greenplan.scenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.greenplan.geo.Feature;
import org.greenplan.geo.GeoJson;
import org.greenplan.indicator.Finding;
import org.greenplan.indicator.service.IndicatorRun;
import org.greenplan.indicator.service.IndicatorService;
import org.greenplan.indicator.service.VersionPins;
import org.greenplan.ingest.DemoProperties;
import org.greenplan.kind.LayerKind;
import org.greenplan.layer.Layer;
import org.greenplan.layer.LayerRepository;
import org.greenplan.workspace.Workspace;
import org.greenplan.workspace.Workspaces;
import org.locationtech.jts.algorithm.InteriorPointArea;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The demo workspace's scenario 规划方案 2025: parks and facilities placed where the demo town's own computed gaps
 * are (the residential land park coverage leaves uncovered; the parcels the life circle leaves short of a
 * category), so it follows the demo town whatever its generator draws. Made once, after the demo layers loaded,
 * when the workspace has no scenario of that name.
 */
@Component
public class DemoScenario {

    public static final String NAME = "规划方案 2025";
    private static final Logger log = LoggerFactory.getLogger(DemoScenario.class);
    private static final int PARKS = 3;
    private static final int FACILITIES = 6;
    /** The demo town has about 1,000 residential parcels; a benchmark city loaded as the demo has tens of thousands. */
    private static final long MAX_PARCELS = 20_000;
    /** Half the side of a planned pocket park, in degrees of latitude (≈ 60 m). */
    private static final double HALF_SIDE = 0.00055;

    private final DemoProperties demo;
    private final Workspaces workspaces;
    private final LayerRepository layers;
    private final IndicatorService indicators;
    private final ScenarioService scenarios;

    public DemoScenario(DemoProperties demo, Workspaces workspaces, LayerRepository layers, IndicatorService indicators,
            ScenarioService scenarios) {
        this.demo = demo;
        this.workspaces = workspaces;
        this.layers = layers;
        this.indicators = indicators;
        this.scenarios = scenarios;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void ensure() {
        if (!demo.load()) {
            return;
        }
        try {
            Workspace ws = workspaces.require(Workspace.DEFAULT_ID);
            if (scenarios.list(ws.id()).stream().anyMatch(s -> s.name().equals(NAME))) {
                return;
            }
            long parcels = layers.findAll(ws.id()).stream().filter(l -> l.kind() == LayerKind.RESIDENTIAL && l.current() != null)
                    .mapToLong(l -> l.current().featureCount()).sum();
            if (parcels > MAX_PARCELS) {
                // the plan is drawn from the demo town's gaps, computed here on the start-up thread before the server
                // reports ready; on a benchmark city (110,956 parcels at scale 100) that took over half an hour
                log.info("no demo scenario: {} residential parcels is a city, not the demo town (≤ {}); "
                        + "scenarios are made through the API", parcels, MAX_PARCELS);
                return;
            }
            Map<String, List<Feature>> added = plan(ws);
            if (added.isEmpty()) {
                return;
            }
            Scenario s = scenarios.createWithFeatures(ws.id(), NAME, "演示方案：在公园服务半径和15分钟生活圈的缺口处"
                    + "新增口袋公园和社区设施（由演示镇的缺口计算得出）", "demo", added);
            log.info("demo scenario '{}' (id {}) made: {}", NAME, s.id(), added.entrySet().stream()
                    .map(e -> e.getValue().size() + " in " + e.getKey()).toList());
        } catch (RuntimeException e) {
            log.warn("demo scenario '{}' not made: {}", NAME, e.toString());
        }
    }

    /** Layer id → the features the plan adds, from the demo's gaps. */
    Map<String, List<Feature>> plan(Workspace ws) {
        Map<String, List<Feature>> out = new LinkedHashMap<>();
        String parkLayer = firstOf(ws.id(), LayerKind.PARK);
        String facilityLayer = firstOf(ws.id(), LayerKind.FACILITY);
        if (parkLayer != null) {
            IndicatorRun parks = indicators.compute(ws, "park_service_coverage", null, null, null, VersionPins.NONE,
                    Map.of());
            List<Feature> planned = new ArrayList<>();
            for (Geometry gap : largest(pieces(parks), PARKS)) {
                Point p = centre(gap);
                Map<String, Object> attrs = new LinkedHashMap<>();
                attrs.put("name", "规划口袋公园 " + (planned.size() + 1));
                attrs.put("class", "社区公园");
                planned.add(new Feature("planned-park-" + (planned.size() + 1), square(p), attrs));
            }
            if (!planned.isEmpty()) {
                out.put(parkLayer, planned);
            }
        }
        if (facilityLayer != null) {
            IndicatorRun life = indicators.compute(ws, "life_circle_coverage", null, null, null, VersionPins.NONE,
                    Map.of());
            List<Feature> planned = new ArrayList<>();
            // the level the indicator's value is of (15 min by default): what a parcel lacks there holds it down
            String level = String.valueOf(life.result().parameters().getOrDefault("level", "15min"));
            // the parcels closest to complete first (fewest requirements missing, then the largest): the facilities
            // they lack, at the parcel, complete their life circle and serve their neighbours too
            List<Finding> short_ = new ArrayList<>(life.result().findings().stream()
                    .filter(f -> f.geometry() != null && !f.geometry().isEmpty() && !missing(f, level).isEmpty()).toList());
            short_.sort(Comparator.comparingInt((Finding f) -> missing(f, level).size())
                    .thenComparing(Comparator.comparingDouble(Finding::area).reversed()));
            for (Finding f : short_) {
                List<String> lacking = missing(f, level);
                if (planned.size() + lacking.size() > FACILITIES) {
                    break;
                }
                for (String category : lacking) {
                    Map<String, Object> attrs = new LinkedHashMap<>();
                    attrs.put("name", "规划" + category);
                    attrs.put("category", category);
                    planned.add(new Feature("planned-facility-" + (planned.size() + 1), centre(f.geometry()), attrs));
                }
            }
            if (!planned.isEmpty()) {
                out.put(facilityLayer, planned);
            }
        }
        return out;
    }

    private String firstOf(String ws, LayerKind kind) {
        return layers.findAll(ws).stream().filter(l -> l.kind() == kind && l.current() != null).map(Layer::id)
                .findFirst().orElse(null);
    }

    /** The uncovered pieces: per-parcel findings when the indicator gives them, else the parts of the gap map. */
    private static List<Geometry> pieces(IndicatorRun run) {
        List<Geometry> out = new ArrayList<>();
        for (Finding f : run.result().findings()) {
            if (f.geometry() != null && !f.geometry().isEmpty()) {
                out.add(f.geometry());
            }
        }
        Geometry gaps = run.result().gaps();
        if (out.isEmpty() && gaps != null) {
            for (int i = 0; i < gaps.getNumGeometries(); i++) {
                out.add(gaps.getGeometryN(i));
            }
        }
        return out;
    }

    /** The n largest pieces, at least ~600 m apart so one park does not serve the next one's gap. */
    private static List<Geometry> largest(List<Geometry> pieces, int n) {
        List<Geometry> sorted = new ArrayList<>(pieces);
        sorted.sort(Comparator.comparingDouble(Geometry::getArea).reversed());
        List<Geometry> out = new ArrayList<>();
        for (Geometry g : sorted) {
            if (out.stream().noneMatch(o -> o.getCentroid().distance(g.getCentroid()) < 0.006)) {
                out.add(g);
            }
            if (out.size() == n) {
                break;
            }
        }
        return out;
    }

    /** The categories a parcel lacks at the level (alternatives "a|b" → a), each once. */
    private static List<String> missing(Finding f, String level) {
        List<String> out = new ArrayList<>();
        if (f.details().get(level) instanceof List<?> list) {
            for (Object k : list) {
                String category = String.valueOf(k).split("\\|")[0].trim();
                if (EditCheck.CATEGORIES.contains(category) && !out.contains(category)) {
                    out.add(category);
                }
            }
        }
        return out;
    }

    /** A point inside the geometry, in lon/lat (gaps and findings are lon/lat like the features). */
    private static Point centre(Geometry g) {
        Coordinate c = g.getDimension() == 2 ? new InteriorPointArea(g).getInteriorPoint() : g.getCentroid().getCoordinate();
        Point p = GeoJson.WGS84.createPoint(c);
        p.setSRID(4326);
        return p;
    }

    private static Geometry square(Point p) {
        double dx = HALF_SIDE / Math.cos(Math.toRadians(p.getY()));
        Coordinate[] ring = {new Coordinate(p.getX() - dx, p.getY() - HALF_SIDE),
            new Coordinate(p.getX() + dx, p.getY() - HALF_SIDE), new Coordinate(p.getX() + dx, p.getY() + HALF_SIDE),
            new Coordinate(p.getX() - dx, p.getY() + HALF_SIDE), new Coordinate(p.getX() - dx, p.getY() - HALF_SIDE)};
        Geometry g = GeoJson.WGS84.createPolygon(ring);
        g.setSRID(4326);
        return g;
    }

}
