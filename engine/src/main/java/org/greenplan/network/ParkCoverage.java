package org.greenplan.network;

import java.util.ArrayList;
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
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/**
 * Park service-radius coverage (公园绿地服务半径覆盖率) measured along the walking network instead of as a
 * Euclidean buffer: the share of residential land (and residents) within a qualifying park's service radius
 * on foot.
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
 * <p><b>Which part of a parcel is covered.</b> The part a walker reaches: the ground {@link ServedGround}
 * serves within the radius from the entrances (a street point reached after walking d serves the land within
 * min(walk-off, radius − d) of it; walk-off 50 m, as for isochrones), plus the land within min(walk-off,
 * radius) of the park itself. A parcel is covered in part, like the Euclidean indicator's parcel ∩ buffer;
 * since walking is never shorter than the straight line, the covered part always lies inside that buffer.
 *
 * <p>Park entrances beyond the maximum snap distance (default 500 m) from every street are unreachable
 * and reported, never an exception.
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
    private double walkOff = 50;

    /** Segments per quarter circle of the served ground's buffers: 8 under-states a round end by 0.6 %. */
    static final int QUADRANT_SEGMENTS = 8;

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

    /** Metres either side of a reached street that a walker may step off it; default 50 m, as for isochrones. */
    public ParkCoverage walkOff(double metres) {
        if (!(metres > 0)) {
            throw new IllegalArgumentException("walk-off distance must be > 0 m");
        }
        this.walkOff = metres;
        return this;
    }

    /**
     * Evaluates coverage.
     *
     * @param parks   park polygons (lon/lat); attribute {@code historic_district} read for the optional rule
     * @param parcels residential polygons (lon/lat) with an optional population attribute
     */
    public ParkCoverageResult evaluate(List<Feature> parks, List<Feature> parcels) {
        Served served = served(parks);
        STRtree index = new STRtree();
        for (Geometry g : served.ground()) {
            index.insert(g.getEnvelopeInternal(), PreparedGeometryFactory.prepare(g));
        }
        index.build();
        List<ParkCoverageResult.ParcelReach> reaches = new ArrayList<>(parcels.size());
        double area = 0, areaCovered = 0, population = 0, populationCovered = 0;
        for (int i = 0; i < parcels.size(); i++) {
            Feature parcel = parcels.get(i);
            Geometry metres = graph.zone().toMetres(parcel.geometry());
            double a = metres.getArea();
            double pop = parcel.number(populationKey).orElse(0);
            double covered = a > 0 ? Math.min(a, coveredArea(metres, index)) : 0;
            area += a;
            areaCovered += covered;
            population += pop;
            populationCovered += a > 0 ? pop * covered / a : 0; // residents spread evenly over the parcel
            String id = parcel.id() != null ? parcel.id() : String.valueOf(i);
            reaches.add(new ParkCoverageResult.ParcelReach(id, pop, a, covered));
        }
        return new ParkCoverageResult(area, areaCovered, population, populationCovered, parks.size(),
                served.qualifying(), served.unreachable(), List.copyOf(reaches));
    }

    /** The area of a parcel (zone metres) inside the served ground; overlapping pieces count once. */
    @SuppressWarnings("unchecked")
    static double coveredArea(Geometry parcel, STRtree servedIndex) {
        List<Geometry> parts = new ArrayList<>();
        for (PreparedGeometry p : (List<PreparedGeometry>) servedIndex.query(parcel.getEnvelopeInternal())) {
            if (p.containsProperly(parcel)) {
                return parcel.getArea();
            }
            if (p.intersects(parcel)) {
                parts.add(OverlayNGRobust.overlay(parcel, p.getGeometry(), OverlayNG.INTERSECTION));
            }
        }
        return parts.isEmpty() ? 0 : UnaryUnionOp.union(parts).getArea();
    }

    /**
     * The ground the qualifying parks serve on foot, in the graph's zone metres: per radius r, what
     * {@link ServedGround} serves within r of the park entrances, plus the land within min(walk-off, r) of
     * the park itself (stepping straight out of the park, as off a street). Pieces, not unioned.
     */
    public List<Geometry> servedGround(List<Feature> parks) {
        return served(parks).ground();
    }

    private record Served(List<Geometry> ground, int qualifying, int unreachable) {
    }

    private Served served(List<Feature> parks) {
        EdgeSnapper snapper = new EdgeSnapper(graph, maxSnap);
        // radius → entrances of the parks serving that radius
        Map<Double, List<Snap>> entrancesByRadius = new TreeMap<>();
        List<Geometry> ground = new ArrayList<>();
        int qualifying = 0;
        int unreachable = 0;
        for (Feature park : parks) {
            Geometry metres = graph.zone().toMetres(park.geometry());
            double radius = radii.radiusOf(metres.getArea(), isTrue(park.attributes().get(HISTORIC_ATTRIBUTE)));
            if (Double.isNaN(radius)) {
                continue;
            }
            qualifying++;
            List<Snap> snaps = boundarySnaps(metres, snapper, entranceSpacing, maxEntrances);
            if (snaps.isEmpty()) {
                unreachable++;
            }
            entrancesByRadius.computeIfAbsent(radius, r -> new ArrayList<>()).addAll(snaps);
            ground.add(metres.buffer(Math.min(walkOff, radius), QUADRANT_SEGMENTS));
        }
        ServedGround served = new ServedGround(graph, walkOff, QUADRANT_SEGMENTS);
        entrancesByRadius.forEach((radius, snaps) -> {
            DijkstraScratch s = graph.borrowScratch();
            try {
                s.reset();
                for (Snap snap : snaps) {
                    s.seed(snap, radius);
                }
                s.run(radius);
                ground.addAll(served.of(s, snaps, radius).buffers());
            } finally {
                s.reset();
                graph.giveBack(s);
            }
        });
        return new Served(ground, qualifying, unreachable);
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
