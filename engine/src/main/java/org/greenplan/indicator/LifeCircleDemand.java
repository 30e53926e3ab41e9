package org.greenplan.indicator;

import java.util.List;
import org.greenplan.geo.Feature;
import org.greenplan.geo.GaussKrugerZone;
import org.greenplan.kind.LayerKind;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/**
 * What one life-circle category leaves to a new facility, for 补短板选址, measured exactly as the indicator's
 * per-category figure ({@code category.<level>.<key>} of {@link LifeCircleCoverage}): per residential parcel (clipped
 * to the 建成区 like the indicator), the part no existing facility of the requirement serves within the level's
 * distance, and the ground a candidate facility would serve — a disc in straight-line mode, what a walker reaches
 * along the streets in network mode, by the indicator's own {@code servedGround}. The same shape as
 * {@link ParkCoverageDemand}, so the siting cuts the land the same way for parks and facilities.
 */
public final class LifeCircleDemand {

    private final MetricFrame frame;
    private final WalkingNetwork network;
    private final LifeCircleCoverage.Need need;
    private final UnservedLand land;

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
        LifeCircleCoverage.Grounds served = LifeCircleCoverage.servedGround(List.of(need),
                frame.points(layers.get(LayerKind.FACILITY)), network, frame);
        List<Projected> builtUp = indicator.params.flag("clipToBuiltUp")
                ? frame.polygons(layers.get(LayerKind.BUILT_UP_AREA)) : List.of();
        PolygonIndex scope = builtUp.isEmpty() ? null : new PolygonIndex(builtUp.stream().map(Projected::metres).toList());
        // residents as the indicator counts them (a parcel's own, else its share of its admin area's), for a capacity
        List<Projected> parcels = ResidentPopulation.of(frame, layers,
                new AdminAreas(frame.polygons(layers.get(LayerKind.ADMIN_AREA))),
                frame.polygons(layers.get(LayerKind.RESIDENTIAL))).parcels;
        // the indicator's Sums.add for this one requirement, keeping what is left instead of only its area
        this.land = UnservedLand.of(parcels, scope, g -> served.outside(0, g));
    }

    public static LifeCircleDemand of(LifeCircleCoverage indicator, Layers layers, String level, String category) {
        return new LifeCircleDemand(indicator, layers, level, category);
    }

    /** The residential land the existing ones leave, parcel by parcel, with the figure's sums. */
    public UnservedLand land() {
        return land;
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

    /** The ground each candidate facility (lon/lat point of {@link #siteCategory()}) would serve alone, zone metres. */
    public List<Geometry> serviceAreas(List<Feature> candidates) {
        List<Projected> points = frame.points(candidates);
        return Chunks.map(points, p -> {
            List<Geometry> pieces = LifeCircleCoverage.facilityGround(need, p, network, frame);
            return pieces.isEmpty() ? p.metres().getFactory().createPolygon()
                    : pieces.size() == 1 ? pieces.get(0) : UnaryUnionOp.union(pieces);
        });
    }

    /** Whether the service areas are walked (network mode) rather than discs. */
    public boolean walked() {
        return network != null;
    }
}
