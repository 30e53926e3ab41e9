package org.greenplan.network;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.greenplan.geo.Feature;
import org.locationtech.jts.geom.Geometry;

/**
 * Life-circle (生活圈) coverage of residential parcels: which parcels reach, on foot along the network,
 * every facility category a level requires (GB 50180-2018; INDICATORS.md §2).
 *
 * <p><b>Thresholds.</b> By default a level's threshold is the walking distance GB 50180-2018 gives for it:
 * 5 min → 300 m, 10 min → 500 m, 15 min → 1000 m; the minutes are read from the level's name ("5min",
 * "15-minute", "15分钟"). With {@link #walkingSpeed} the threshold becomes minutes × speed instead, and
 * {@link #threshold} sets one level's distance explicitly (which wins over both).
 *
 * <p><b>Access points.</b> A parcel is entered from its boundary: every vertex of each outer ring, plus
 * points every {@code accessPointSpacing} metres (default 50) between vertices, is snapped to the nearest
 * street; at most {@code maxAccessPoints} (default 64, evenly thinned) per parcel. The distance from a
 * parcel to a category is the minimum over its access points of (snap offset + network distance), so the
 * side of the parcel nearest to a street and to the facility wins. The nearest pair between a boundary and
 * a street always involves a vertex of one of them, so this finds the closest street point up to the
 * spacing. Mapped entrances are a later extension.
 *
 * <p>Facilities and access points further than {@code maxSnapDistance} (default 500 m) from every street are
 * unreachable: counted in the result, never an exception.
 */
public final class LifeCircle {

    /** GB 50180-2018 walking distances by life-circle minutes. */
    public static final Map<Integer, Double> GB50180_METRES = Map.of(5, 300.0, 10, 500.0, 15, 1000.0);

    /** Default spacing (m) of parcel access points along the boundary. */
    public static final double DEFAULT_ACCESS_SPACING = 50;
    /** Default maximum access points per parcel. */
    public static final int DEFAULT_MAX_ACCESS_POINTS = 64;

    private static final Pattern MINUTES = Pattern.compile("(\\d+(?:\\.\\d+)?)");

    private final WalkGraph graph;
    private String categoryKey = "category";
    private String populationKey = "population";
    private double maxSnap = EdgeSnapper.DEFAULT_MAX_SNAP_METRES;
    private double accessPointSpacing = DEFAULT_ACCESS_SPACING;
    private int maxAccessPoints = DEFAULT_MAX_ACCESS_POINTS;
    private double metresPerMinute = Double.NaN;
    private final Map<String, Double> thresholds = new HashMap<>();

    public LifeCircle(WalkGraph graph) {
        this.graph = graph;
    }

    /** Facility attribute holding the category; default "category". */
    public LifeCircle categoryKey(String key) {
        this.categoryKey = key;
        return this;
    }

    /** Parcel attribute holding the residents; default "population". */
    public LifeCircle populationKey(String key) {
        this.populationKey = key;
        return this;
    }

    public LifeCircle maxSnapDistance(double metres) {
        this.maxSnap = metres;
        return this;
    }

    public LifeCircle accessPoints(double spacingMetres, int max) {
        if (!(spacingMetres > 0) || max < 1) {
            throw new IllegalArgumentException("access point spacing must be > 0 m and the maximum ≥ 1");
        }
        this.accessPointSpacing = spacingMetres;
        this.maxAccessPoints = max;
        return this;
    }

    /** Thresholds become minutes × this speed (m/min) instead of the GB 50180 distances. */
    public LifeCircle walkingSpeed(double metresPerMinute) {
        if (!(metresPerMinute > 0)) {
            throw new IllegalArgumentException("walking speed must be > 0 m/min");
        }
        this.metresPerMinute = metresPerMinute;
        return this;
    }

    /** Sets one level's walking distance in metres, overriding speed and defaults. */
    public LifeCircle threshold(String level, double metres) {
        thresholds.put(level, metres);
        return this;
    }

    /** The walking distance in metres that counts for the level, by the rules in the class comment. */
    public double thresholdOf(String level) {
        Double explicit = thresholds.get(level);
        if (explicit != null) {
            return explicit;
        }
        Matcher m = MINUTES.matcher(level);
        if (!m.find()) {
            throw new IllegalArgumentException("level '" + level
                    + "' names no minutes; give its distance with threshold(level, metres)");
        }
        double minutes = Double.parseDouble(m.group(1));
        if (!Double.isNaN(metresPerMinute)) {
            return minutes * metresPerMinute;
        }
        Double gb = minutes == Math.rint(minutes) ? GB50180_METRES.get((int) minutes) : null;
        if (gb == null) {
            throw new IllegalArgumentException("GB 50180-2018 sets no distance for a " + minutes
                    + "-minute level; give a walking speed or threshold(level, metres)");
        }
        return gb;
    }

    /**
     * Evaluates coverage.
     *
     * @param facilities      points with the category attribute (other geometries use an interior point)
     * @param parcels         residential polygons with an optional population attribute
     * @param requiredByLevel level name → categories a parcel must reach, e.g. "15min" → [school, clinic]
     */
    public LifeCircleResult evaluate(List<Feature> facilities, List<Feature> parcels,
            Map<String, List<String>> requiredByLevel) {
        Map<String, Double> levelMetres = new LinkedHashMap<>();
        Map<String, Double> cutoffs = new LinkedHashMap<>();
        requiredByLevel.forEach((level, categories) -> {
            double t = thresholdOf(level);
            levelMetres.put(level, t);
            for (String c : categories) {
                cutoffs.merge(c, t, Math::max);
            }
        });
        EdgeSnapper snapper = new EdgeSnapper(graph, maxSnap);
        Map<String, NetworkDistances> distances = new MultiSourceDijkstra(graph)
                .byCategory(facilities, categoryKey, snapper, cutoffs);
        int facilitiesUnreachable = distances.values().stream().mapToInt(NetworkDistances::unreachableSourceCount)
                .sum();

        // parcels are independent and the graph, snapper and distances are read-only: evaluate them in parallel,
        // then add up in input order (the sums are cheap; the snapping and lookups are not)
        LifeCircleResult.ParcelReach[] out = new LifeCircleResult.ParcelReach[parcels.size()];
        org.greenplan.Cancellation token = org.greenplan.Cancellation.current(); // the workers do not see the caller's
        java.util.stream.IntStream.range(0, parcels.size()).parallel().forEach(i -> {
            token.check();
            out[i] = reach(parcels.get(i), i, snapper, distances, requiredByLevel, levelMetres);
        });
        Tally tally = new Tally(requiredByLevel);
        int unreachable = 0;
        for (LifeCircleResult.ParcelReach r : out) {
            tally.addParcel(r.population(), r.areaM2());
            if (r.accessPoints() == 0) {
                unreachable++;
            }
            requiredByLevel.forEach((level, categories) -> tally.add(level, categories, r.missingByLevel().get(level),
                    r.population(), r.areaM2()));
        }
        List<LifeCircleResult.ParcelReach> reaches = List.of(out);
        List<LifeCircleResult.LevelCoverage> levels = new ArrayList<>();
        requiredByLevel.forEach((level, categories) -> levels.add(tally.coverage(level, levelMetres.get(level))));
        return new LifeCircleResult(List.copyOf(levels), reaches, tally.population, tally.area,
                unreachable, facilitiesUnreachable);
    }

    /** One parcel: its access points, the distance to each category reached, the categories it misses per level. */
    private LifeCircleResult.ParcelReach reach(Feature parcel, int index, EdgeSnapper snapper,
            Map<String, NetworkDistances> distances, Map<String, List<String>> requiredByLevel,
            Map<String, Double> levelMetres) {
        Geometry metres = graph.zone().toMetres(parcel.geometry());
        double area = metres.getArea();
        double population = parcel.number(populationKey).orElse(0);
        List<Snap> access = accessPoints(metres, snapper);
        Map<String, Double> reached = new LinkedHashMap<>();
        for (Map.Entry<String, NetworkDistances> d : distances.entrySet()) {
            double best = Double.POSITIVE_INFINITY;
            for (Snap a : access) {
                best = Math.min(best, d.getValue().distanceTo(a));
            }
            if (best < Double.POSITIVE_INFINITY) {
                reached.put(d.getKey(), best);
            }
        }
        Map<String, List<String>> missing = new LinkedHashMap<>();
        requiredByLevel.forEach((level, categories) -> {
            double t = levelMetres.get(level);
            List<String> miss = new ArrayList<>();
            for (String c : categories) {
                Double d = reached.get(c);
                if (d == null || d > t) {
                    miss.add(c);
                }
            }
            missing.put(level, List.copyOf(miss));
        });
        String id = parcel.id() != null ? parcel.id() : String.valueOf(index);
        return new LifeCircleResult.ParcelReach(id, population, area, access.size(), Map.copyOf(reached),
                Map.copyOf(missing));
    }

    /** Snapped access points of a parcel (only the reachable ones). */
    List<Snap> accessPoints(Geometry parcelMetres, EdgeSnapper snapper) {
        return ParkCoverage.boundarySnaps(parcelMetres, snapper, accessPointSpacing, maxAccessPoints);
    }

    /** Sums covered population and area per level and per level × category. */
    private static final class Tally {
        private final Map<String, List<String>> required;
        private final Map<String, double[]> level = new HashMap<>(); // {population, area}
        private final Map<String, double[]> category = new HashMap<>(); // key level + '\0' + category
        double population;
        double area;

        Tally(Map<String, List<String>> required) {
            this.required = required;
        }

        void addParcel(double pop, double a) {
            population += pop;
            area += a;
        }

        void add(String lvl, List<String> categories, List<String> missing, double pop, double a) {
            if (missing.isEmpty()) {
                add(level, lvl, pop, a);
            }
            for (String c : categories) {
                if (!missing.contains(c)) {
                    add(category, lvl + '\0' + c, pop, a);
                }
            }
        }

        private static void add(Map<String, double[]> m, String key, double pop, double a) {
            double[] v = m.computeIfAbsent(key, k -> new double[2]);
            v[0] += pop;
            v[1] += a;
        }

        LifeCircleResult.LevelCoverage coverage(String lvl, double metres) {
            double[] v = level.getOrDefault(lvl, new double[2]);
            List<LifeCircleResult.CategoryCoverage> cats = new ArrayList<>();
            for (String c : required.get(lvl)) {
                double[] cv = category.getOrDefault(lvl + '\0' + c, new double[2]);
                cats.add(new LifeCircleResult.CategoryCoverage(c, share(cv[0], population), share(cv[1], area)));
            }
            return new LifeCircleResult.LevelCoverage(lvl, metres, List.copyOf(required.get(lvl)),
                    share(v[0], population), share(v[1], area), v[0], v[1], List.copyOf(cats));
        }

        private static double share(double part, double whole) {
            return whole > 0 ? part / whole : Double.NaN;
        }
    }
}
