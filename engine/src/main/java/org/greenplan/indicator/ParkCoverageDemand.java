package org.greenplan.indicator;

import java.util.ArrayList;
import java.util.List;
import org.greenplan.geo.Feature;
import org.greenplan.geo.GaussKrugerZone;
import org.greenplan.kind.LayerKind;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/**
 * What park service coverage ({@link ParkServiceCoverage}) leaves to a new park, for 补短板选址: per residential
 * parcel, the part of it in scope that no existing park serves, measured exactly as the indicator measures it
 * (same frame, same 建成区 clipping, same service areas, same subtraction), and the service area a candidate park
 * would add, by the indicator's own size classes and distance mode. So the coverage a plan of new parks reaches is
 * {@link UnservedLand#covered()} plus the land of {@link UnservedLand#remaining()} inside their service areas: the indicator's value on
 * the plan, to rounding (in network mode up to the rounding of the walked ground's arcs; see the siting).
 */
public final class ParkCoverageDemand {

    private final ParkServiceCoverage indicator;
    private final MetricFrame frame;
    private final WalkingNetwork network;
    private final UnservedLand land;

    private ParkCoverageDemand(ParkServiceCoverage indicator, Layers layers) {
        this.indicator = indicator;
        this.frame = MetricFrame.of(layers);
        this.network = DistanceMode.of(indicator.params, layers);
        List<Projected> parks = frame.polygons(layers.get(LayerKind.PARK));
        PolygonIndex served = new PolygonIndex(indicator.serviceAreas(parks, frame, network));
        List<Projected> builtUp = indicator.params.flag("clipToBuiltUp")
                ? frame.polygons(layers.get(LayerKind.BUILT_UP_AREA)) : List.of();
        PolygonIndex scope = builtUp.isEmpty() ? null : new PolygonIndex(builtUp.stream().map(Projected::metres).toList());
        List<Projected> parcels = frame.polygons(layers.get(LayerKind.RESIDENTIAL));
        // the indicator's Sums.add, parcel by parcel, keeping what is left instead of only its area
        this.land = UnservedLand.of(parcels, scope, served::outside);
    }

    /** The demand the indicator (with these parameters) sees in these layers, its own distance mode included. */
    public static ParkCoverageDemand of(ParkServiceCoverage indicator, Layers layers) {
        return new ParkCoverageDemand(indicator, layers);
    }

    /** The residential land the existing ones leave, parcel by parcel, with the figure's sums. */
    public UnservedLand land() {
        return land;
    }

    public GaussKrugerZone zone() {
        return frame.zone();
    }

    /** The service radius of a park of this area (m²), or -1 when it does not qualify (the size classes). */
    public double radius(double areaSquareMetres) {
        return indicator.radius(areaSquareMetres, false);
    }

    /** The parcel area a park's polygon has in this frame (m²). */
    public double area(Geometry parkLonLat) {
        return frame.zone().toMetres(parkLonLat).getArea();
    }

    /**
     * The ground each candidate park (lon/lat polygon) would serve on the land left unserved, as one polygon in zone
     * metres: the indicator's own service area of that park alone, less the pieces that reach none of
     * {@link UnservedLand#remaining()} ({@link #reachingLeft}); empty when it is below every size class or reaches none of it.
     */
    public List<Geometry> serviceAreas(List<Feature> candidates) {
        List<Projected> parks = frame.polygons(candidates);
        if (parks.size() != candidates.size()) {
            throw new IllegalArgumentException("every candidate park must be a polygon with an area");
        }
        STRtree left = leftIndex();
        return Chunks.map(parks, park -> {
            List<Geometry> pieces = reachingLeft(indicator.serviceAreas(List.of(park), frame, network), left);
            return pieces.isEmpty() ? park.metres().getFactory().createPolygon()
                    : pieces.size() == 1 ? pieces.get(0) : UnaryUnionOp.union(pieces);
        });
    }

    /** The extents of the land left unserved, to drop the pieces of a service area that reach none of it. */
    private STRtree leftIndex() {
        STRtree tree = new STRtree();
        for (Geometry g : land.remainingView()) {
            if (!g.isEmpty()) {
                tree.insert(g.getEnvelopeInternal(), Boolean.TRUE);
            }
        }
        tree.build(); // before sharing between threads
        return tree;
    }

    /**
     * The pieces of a walked service area (buffered streets) whose extent meets land left unserved. The siting counts
     * a service area only on that land ({@code LandCoverage}), and pieces that reach none of it change nothing there:
     * dropping them before the union, which is most of a candidate's cost, gives the same ground on the land that
     * counts, for a fraction of the union where existing parks already serve most of the town.
     */
    static List<Geometry> reachingLeft(List<Geometry> pieces, STRtree left) {
        List<Geometry> out = new ArrayList<>(pieces.size());
        for (Geometry p : pieces) {
            if (!left.query(p.getEnvelopeInternal()).isEmpty()) {
                out.add(p);
            }
        }
        return out;
    }

    /** Whether the service areas are walked (network mode) rather than buffered. */
    public boolean walked() {
        return network != null;
    }
}
