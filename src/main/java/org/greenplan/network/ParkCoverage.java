package org.greenplan.network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.greenplan.geo.Feature;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Park service-radius coverage (公园绿地服务半径覆盖率) measured along the walking network instead of as a
 * Euclidean buffer: the share of residential land (and residents) whose parcels reach a qualifying park
 * within its service radius on foot.
 *
 * <p><b>Which parks, which radius.</b> {@link Radii} mirrors the Euclidean indicator's rule (2021 城市体检:
 * ≥ 5000 m² → 500 m, 2000–5000 m² → 300 m, smaller parks do not count; optionally parks flagged
 * {@code historic_district} from 1000 m² with 300 m). Areas are measured in the graph's zone.
 *
 * <p><b>How a park is entered.</b> Parks rarely come with mapped gates, so every point of the park's outer
 * boundary is a potential entrance: its vertices plus points every {@code entranceSpacing} metres (default
 * 50) between them, at most {@code maxEntrances} per park (default 256, evenly thinned). Each is snapped to
 * the nearest street like a facility, its snap offset counting as walking. All entrances of all parks with
 * the same radius seed one multi-source search bounded by that radius.
 *
 * <p><b>How a parcel is left.</b> As in {@link LifeCircle}: access points along the parcel boundary, the
 * distance being the minimum over access points of (snap offset + network distance + park snap offset).
 * A parcel that touches or overlaps a qualifying park is covered at distance 0. Coverage is decided per
 * whole parcel (the Euclidean indicator counts the part of a parcel inside the buffer).
 *
 * <p>Parcels and park entrances beyond the maximum snap distance (default 500 m) from every street are
 * unreachable and reported, never an exception.
 */
public final class ParkCoverage {

    /** Attribute marking a park inside a 历史文化街区 (same as the Euclidean indicator). */
    public static final String HISTORIC_ATTRIBUTE = "historic_district";

    /**
     * Which parks count and how far they serve.
     *
     * @param largeMinArea    m²; parks at least this large serve {@code largeRadius}
     * @param largeRadius     m
     * @param smallMinArea    m²; parks at least this large (and below largeMinArea) serve {@code smallRadius}
     * @param smallRadius     m
     * @param historicRule    count parks flagged {@code historic_district} from historicMinArea
     * @param historicMinArea m²
     * @param historicRadius  m
     */
    public record Radii(double largeMinArea, double largeRadius, double smallMinArea, double smallRadius,
            boolean historicRule, double historicMinArea, double historicRadius) {

        /** The 2021 城市体检 rule: 5000 m² → 500 m, 2000 m² → 300 m; no historic rule. */
        public static Radii defaults() {
            return new Radii(5000, 500, 2000, 300, false, 1000, 300);
        }

        /** The service radius of a park of this area, or NaN when it does not qualify. */
        public double radiusOf(double areaM2, boolean historic) {
            if (areaM2 >= largeMinArea) {
                return largeRadius;
            }
            if (areaM2 >= smallMinArea) {
                return smallRadius;
            }
            if (historicRule && historic && areaM2 >= historicMinArea) {
                return historicRadius;
            }
            return Double.NaN;
        }
    }

    private final WalkGraph graph;
    private Radii radii = Radii.defaults();
    private String populationKey = "population";
    private double maxSnap = EdgeSnapper.DEFAULT_MAX_SNAP_METRES;
    private double entranceSpacing = 50;
    private int maxEntrances = 256;

    public ParkCoverage(WalkGraph graph) {
        this.graph = graph;
    }

    public ParkCoverage radii(Radii radii) {
        this.radii = radii;
        return this;
    }

    public ParkCoverage populationKey(String key) {
        this.populationKey = key;
        return this;
    }

    public ParkCoverage maxSnapDistance(double metres) {
        this.maxSnap = metres;
        return this;
    }

    /** Entrance points every {@code spacingMetres} along park boundaries, at most {@code max} per park. */
    public ParkCoverage entrances(double spacingMetres, int max) {
        if (!(spacingMetres > 0) || max < 1) {
            throw new IllegalArgumentException("entrance spacing must be > 0 m and the maximum ≥ 1");
        }
        this.entranceSpacing = spacingMetres;
        this.maxEntrances = max;
        return this;
    }

    /**
     * Evaluates coverage.
     *
     * @param parks   park polygons (lon/lat); attribute {@code historic_district} read for the optional rule
     * @param parcels residential polygons (lon/lat) with an optional population attribute
     */
    public ParkCoverageResult evaluate(List<Feature> parks, List<Feature> parcels) {
        EdgeSnapper snapper = new EdgeSnapper(graph, maxSnap);
        // radius → entrances of the parks serving that radius
        Map<Double, List<Snap>> entrancesByRadius = new TreeMap<>();
        STRtree parkIndex = new STRtree();
        int qualifying = 0;
        int parksUnreachable = 0;
        for (Feature park : parks) {
            Geometry metres = graph.zone().toMetres(park.geometry());
            double radius = radii.radiusOf(metres.getArea(), isTrue(park.attributes().get(HISTORIC_ATTRIBUTE)));
            if (Double.isNaN(radius)) {
                continue;
            }
            qualifying++;
            List<Snap> snaps = boundarySnaps(metres, snapper, entranceSpacing, maxEntrances);
            if (snaps.isEmpty()) {
                parksUnreachable++;
            }
            entrancesByRadius.computeIfAbsent(radius, r -> new ArrayList<>()).addAll(snaps);
            parkIndex.insert(metres.getEnvelopeInternal(), new ServedPark(PreparedGeometryFactory.prepare(metres),
                    radius));
        }
        Map<Double, NetworkDistances> distances = new LinkedHashMap<>();
        MultiSourceDijkstra dijkstra = new MultiSourceDijkstra(graph);
        entrancesByRadius.forEach((radius, snaps) -> distances.put(radius, dijkstra.from(snaps, radius)));

        List<ParkCoverageResult.ParcelReach> reaches = new ArrayList<>(parcels.size());
        double area = 0, areaCovered = 0, population = 0, populationCovered = 0;
        int parcelsUnreachable = 0;
        for (int i = 0; i < parcels.size(); i++) {
            Feature parcel = parcels.get(i);
            Geometry metres = graph.zone().toMetres(parcel.geometry());
            double a = metres.getArea();
            double pop = parcel.number(populationKey).orElse(0);
            area += a;
            population += pop;
            double best = Double.POSITIVE_INFINITY;
            double bestRadius = Double.NaN;
            for (Object o : parkIndex.query(metres.getEnvelopeInternal())) {
                ServedPark p = (ServedPark) o;
                if (p.polygon().intersects(metres)) {
                    best = 0;
                    bestRadius = Double.isNaN(bestRadius) ? p.radius() : Math.max(bestRadius, p.radius());
                }
            }
            List<Snap> access = boundarySnaps(metres, snapper, LifeCircle.DEFAULT_ACCESS_SPACING,
                    LifeCircle.DEFAULT_MAX_ACCESS_POINTS);
            if (access.isEmpty()) {
                parcelsUnreachable++;
            }
            boolean covered = best == 0;
            for (Map.Entry<Double, NetworkDistances> d : distances.entrySet()) {
                for (Snap s : access) {
                    double dist = d.getValue().distanceTo(s); // +∞ beyond the radius
                    if (dist < Double.POSITIVE_INFINITY) {
                        covered = true;
                        if (dist < best) {
                            best = dist;
                            bestRadius = d.getKey();
                        }
                    }
                }
            }
            if (covered) {
                areaCovered += a;
                populationCovered += pop;
            }
            String id = parcel.id() != null ? parcel.id() : String.valueOf(i);
            reaches.add(new ParkCoverageResult.ParcelReach(id, pop, a, access.size(), covered,
                    covered ? best : Double.NaN, covered ? bestRadius : Double.NaN));
        }
        return new ParkCoverageResult(area, areaCovered, population, populationCovered, parks.size(), qualifying,
                parksUnreachable, parcelsUnreachable, List.copyOf(reaches));
    }

    private record ServedPark(PreparedGeometry polygon, double radius) {
    }

    private static boolean isTrue(Object v) {
        return v instanceof Boolean b ? b : v != null && ("true".equalsIgnoreCase(v.toString().trim())
                || "1".equals(v.toString().trim()) || "yes".equalsIgnoreCase(v.toString().trim()));
    }

    /**
     * Snapped points along the outer boundaries of a polygon in zone metres: every vertex plus points every
     * {@code spacing} metres between vertices, evenly thinned to at most {@code max}; only reachable snaps.
     */
    static List<Snap> boundarySnaps(Geometry polygonMetres, EdgeSnapper snapper, double spacing, int max) {
        List<Coordinate> candidates = new ArrayList<>();
        for (int p = 0; p < polygonMetres.getNumGeometries(); p++) {
            if (!(polygonMetres.getGeometryN(p) instanceof Polygon poly) || poly.isEmpty()) {
                continue;
            }
            Coordinate[] ring = poly.getExteriorRing().getCoordinates();
            for (int i = 0; i < ring.length - 1; i++) {
                Coordinate a = ring[i];
                Coordinate b = ring[i + 1];
                candidates.add(a);
                int extra = (int) Math.floor(a.distance(b) / spacing);
                for (int k = 1; k <= extra; k++) {
                    double t = k / (extra + 1.0);
                    candidates.add(new Coordinate(a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)));
                }
            }
        }
        double step = Math.max(1, candidates.size() / (double) max);
        List<Snap> snaps = new ArrayList<>();
        for (double i = 0; i < candidates.size(); i += step) {
            Coordinate c = candidates.get((int) i);
            Snap s = snapper.snap(c.x, c.y);
            if (s.reachable()) {
                snaps.add(s);
            }
        }
        return snaps;
    }
}
