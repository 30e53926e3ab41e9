package org.greenplan.indicator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.greenplan.geo.Feature;
import org.greenplan.geo.GaussKrugerZone;
import org.greenplan.kind.LayerKind;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * What one life-circle category leaves to a new facility, for 补短板选址: the indicator's per-category figure
 * ({@code category.<level>.<key>} of {@link LifeCircleCoverage}) counts a parcel's whole area when it reaches a
 * facility of the requirement within the level's distance; this gives each parcel's area, whether existing
 * facilities already reach it, and which parcels a candidate facility would reach, by the indicator's own tests
 * (walking distances from the same network, or straight lines from the parcel's interior point).
 */
public final class LifeCircleDemand {

    private final MetricFrame frame;
    private final WalkingNetwork network;
    private final LifeCircleCoverage.Need need;
    private final List<Projected> parcels;
    private final double[] area;
    private final boolean[] served;

    private LifeCircleDemand(LifeCircleCoverage indicator, Layers layers, String level, String key) {
        if (!LifeCircleLevels.LEVELS.contains(level)) {
            throw new InvalidParameterException("level", "unknown level '" + level + "'; known: " + LifeCircleLevels.LEVELS);
        }
        LifeCircleLevels.Requirement req = indicator.table.requirements(level).stream()
                .filter(r -> r.key().equals(key) || r.categories().contains(key)).findFirst()
                .orElseThrow(() -> new InvalidParameterException("category", "no requirement '" + key + "' at level "
                        + level + "; known: " + indicator.table.requirements(level).stream()
                                .map(LifeCircleLevels.Requirement::key).toList()));
        this.need = new LifeCircleCoverage.Need(level, req, LifeCircleCoverage.distance(indicator.params, level));
        this.frame = MetricFrame.of(layers);
        this.network = DistanceMode.of(indicator.params, layers);
        this.parcels = frame.polygons(layers.get(LayerKind.RESIDENTIAL));
        this.area = parcels.stream().mapToDouble(p -> p.metres().getArea()).toArray();
        List<Projected> facilities = frame.points(layers.get(LayerKind.FACILITY));
        Map<String, List<Feature>> groups = LifeCircleCoverage.facilitiesByRequirement(List.of(need), facilities);
        this.served = reached(groups, LifeCircleCoverage.indexFacilities(facilities), req.key());
    }

    public static LifeCircleDemand of(LifeCircleCoverage indicator, Layers layers, String level, String category) {
        return new LifeCircleDemand(indicator, layers, level, category);
    }

    /** Per parcel, whether an existing facility meeting the requirement reaches it: the indicator's own tests. */
    private boolean[] reached(Map<String, List<Feature>> groups, Map<String, STRtree> index, String key) {
        boolean[] out = new boolean[parcels.size()];
        if (network != null) {
            List<Map<String, Double>> walked = network.nearestFacilities(parcels.stream().map(Projected::feature).toList(),
                    groups, Map.of(key, need.distance() + LifeCircleCoverage.TOLERANCE_M));
            for (int i = 0; i < out.length; i++) {
                out[i] = LifeCircleCoverage.walks(walked.get(i), need);
            }
        } else {
            for (int i = 0; i < out.length; i++) {
                out[i] = LifeCircleCoverage.reaches(index, need, parcels.get(i).metres().getInteriorPoint());
            }
        }
        return out;
    }

    public GaussKrugerZone zone() {
        return frame.zone();
    }

    /** The requirement's key ({@code category.<level>.<key>} is the figure raised). */
    public String key() {
        return need.requirement().key();
    }

    /** The facility category a new site gets (the requirement's first alternative). */
    public String siteCategory() {
        return need.requirement().categories().get(0);
    }

    public String level() {
        return need.level();
    }

    public double[] area() {
        return area.clone();
    }

    public boolean[] served() {
        return served.clone();
    }

    /**
     * Per candidate facility (lon/lat points), the parcels it alone would reach, ascending. Each candidate is its own
     * group in one call, so the network searches the same way as for the existing facilities.
     */
    public List<int[]> reach(List<Feature> candidates) {
        Map<String, List<Feature>> groups = new LinkedHashMap<>();
        Map<String, Double> max = new LinkedHashMap<>();
        double d = need.distance() + LifeCircleCoverage.TOLERANCE_M;
        STRtree index = new STRtree();
        for (int c = 0; c < candidates.size(); c++) {
            groups.put("site" + c, List.of(candidates.get(c)));
            max.put("site" + c, d);
            Point p = (Point) frame.zone().toMetres(candidates.get(c).geometry());
            index.insert(p.getEnvelopeInternal(), new Object[] {c, p});
        }
        List<List<Integer>> byCandidate = new ArrayList<>();
        candidates.forEach(c -> byCandidate.add(new ArrayList<>()));
        if (network != null) {
            List<Map<String, Double>> walked = network.nearestFacilities(parcels.stream().map(Projected::feature).toList(),
                    groups, max);
            for (int i = 0; i < parcels.size(); i++) {
                for (Map.Entry<String, Double> e : walked.get(i).entrySet()) {
                    if (e.getValue() <= d) {
                        byCandidate.get(Integer.parseInt(e.getKey().substring(4))).add(i);
                    }
                }
            }
        } else {
            for (int i = 0; i < parcels.size(); i++) {
                // the indicator's straight-line test (LifeCircleCoverage.reaches), candidate by candidate
                Point from = parcels.get(i).metres().getInteriorPoint();
                org.locationtech.jts.geom.Envelope env = new org.locationtech.jts.geom.Envelope(from.getCoordinate());
                env.expandBy(d);
                for (Object o : index.query(env)) {
                    Object[] entry = (Object[]) o;
                    if (((Point) entry[1]).getCoordinate().distance(from.getCoordinate()) <= d) {
                        byCandidate.get((Integer) entry[0]).add(i);
                    }
                }
            }
        }
        byCandidate.forEach(l -> l.sort(null));
        return byCandidate.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toList();
    }
}
