package org.greenplan.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Point;

/**
 * Public-service facilities for the 15-minute life circle. Each category clusters around its own
 * random focus in the town, as real provision does (new districts lag the old centre), so the
 * 300/500/1000 m gap map has real holes rather than uniform coverage.
 */
final class FacilityPlacement {

    record Facility(Point location, String name, String category) {
    }

    private enum Site { PUBLIC_BLOCK, COMMERCIAL_BLOCK, PARCEL_EDGE, STREET }

    private record Spec(String category, String label, int count, Site site) {
    }

    /** Counts per town tile; ratios loosely follow GB 50180-2018 provision for ~300k residents. */
    private static final List<Spec> SPECS = List.of(
            new Spec("kindergarten", "幼儿园", 12, Site.PARCEL_EDGE),
            new Spec("primary_school", "小学", 5, Site.PUBLIC_BLOCK),
            new Spec("middle_school", "中学", 3, Site.PUBLIC_BLOCK),
            new Spec("community_health_station", "社区卫生服务站", 7, Site.PARCEL_EDGE),
            new Spec("community_health_center", "社区卫生服务中心", 2, Site.PUBLIC_BLOCK),
            new Spec("elderly_care", "养老院", 4, Site.PUBLIC_BLOCK),
            new Spec("day_care_center", "老年人日间照料中心", 5, Site.PARCEL_EDGE),
            new Spec("vegetable_market", "菜市场", 6, Site.PARCEL_EDGE),
            new Spec("supermarket", "超市", 10, Site.COMMERCIAL_BLOCK),
            new Spec("community_service", "社区服务中心", 7, Site.PARCEL_EDGE),
            new Spec("cultural_center", "文化活动中心", 2, Site.PUBLIC_BLOCK),
            new Spec("sports_field", "运动场", 3, Site.PUBLIC_BLOCK),
            new Spec("bus_stop", "公交站", 50, Site.STREET),
            new Spec("pharmacy", "药店", 10, Site.COMMERCIAL_BLOCK),
            new Spec("post_office", "邮政所", 3, Site.COMMERCIAL_BLOCK));

    static List<Facility> place(LandUsePlan plan, StreetGrid grid, SplittableRandom rnd) {
        List<Facility> out = new ArrayList<>();
        if (plan.blocks.isEmpty()) {
            return out;
        }
        for (Spec spec : SPECS) {
            List<Coordinate> sites = candidates(spec.site, plan, grid, rnd);
            Coordinate focus = plan.blocks.get(rnd.nextInt(plan.blocks.size())).centre();
            for (int n = 0; n < spec.count && !sites.isEmpty(); n++) {
                Coordinate c = takeNear(sites, focus, rnd);
                String word = Names.pick(Names.STREET_WORDS, rnd.nextDouble());
                out.add(new Facility(Geo.GF.createPoint(new Coordinate(CityLayout.round2(c.x), CityLayout.round2(c.y))),
                        word + spec.label, spec.category));
            }
        }
        return out;
    }

    private static List<Coordinate> candidates(Site site, LandUsePlan plan, StreetGrid grid, SplittableRandom rnd) {
        List<Coordinate> sites = new ArrayList<>();
        switch (site) {
            case PUBLIC_BLOCK, COMMERCIAL_BLOCK -> {
                Block.Use want = site == Site.PUBLIC_BLOCK ? Block.Use.PUBLIC : Block.Use.COMMERCIAL;
                for (Block b : plan.blocks) {
                    if (b.use == want) {
                        Coordinate c = b.centre();
                        sites.add(new Coordinate(c.x + 40 * (rnd.nextDouble() - 0.5), c.y + 40 * (rnd.nextDouble() - 0.5)));
                    }
                }
            }
            case PARCEL_EDGE -> {
                // on the street side of a housing block, in the setback strip outside the parcel
                for (Block b : plan.blocks) {
                    if (b.use == Block.Use.RESIDENTIAL && b.cornerPark == null) {
                        int k = rnd.nextInt(4);
                        Coordinate a = b.corner(k);
                        Coordinate z = b.corner((k + 1) % 4);
                        Coordinate m = new Coordinate((a.x + z.x) / 2, (a.y + z.y) / 2);
                        Coordinate c = b.quad.getCentroid().getCoordinate();
                        double d = m.distance(c);
                        double in = b.setback / 2; // halfway between the centre line and the parcel
                        sites.add(new Coordinate(m.x + (c.x - m.x) / d * in, m.y + (c.y - m.y) / d * in));
                    }
                }
            }
            case STREET -> {
                for (Block b : plan.blocks) {
                    if (b.use != Block.Use.PARK && (b.setback > LandUsePlan.SETBACK || rnd.nextDouble() < 0.15)) {
                        Coordinate a = b.corner(0);
                        Coordinate z = b.corner(1);
                        Coordinate c = b.quad.getCentroid().getCoordinate();
                        Coordinate m = new Coordinate((a.x + z.x) / 2, (a.y + z.y) / 2);
                        double d = m.distance(c);
                        sites.add(new Coordinate(m.x + (c.x - m.x) / d * 4, m.y + (c.y - m.y) / d * 4));
                    }
                }
            }
            default -> throw new IllegalStateException();
        }
        return sites;
    }

    /** Weighted draw without replacement, favouring sites near the category's focus. */
    private static Coordinate takeNear(List<Coordinate> sites, Coordinate focus, SplittableRandom rnd) {
        double[] w = new double[sites.size()];
        double total = 0;
        for (int k = 0; k < w.length; k++) {
            double d = sites.get(k).distance(focus) / 1400;
            w[k] = Math.exp(-d * d) + 0.03;
            total += w[k];
        }
        double r = rnd.nextDouble() * total;
        int k = 0;
        while (k < w.length - 1 && (r -= w[k]) > 0) {
            k++;
        }
        return sites.remove(k);
    }
}
