package org.greenplan.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Point;

/**
 * Public-service facilities for the 15-minute life circle, provided the way a planned Zhejiang county town
 * provides them: each category is spread over the town at a spacing set by its GB 50180-2018 service
 * radius (5 / 10 / 15-minute levels, 300 / 500 / 1000 m), so most housing reaches it on foot. One district
 * per town lags behind (a newer quarter where some categories have not been built yet), so the gap map
 * shows real under-served neighbourhoods rather than uniform coverage.
 */
final class FacilityPlacement {

    record Facility(Point location, String name, String category) {
    }

    private enum Site { PUBLIC_BLOCK, COMMERCIAL_BLOCK, PARCEL_EDGE, STREET }

    /**
     * {@code spacing}: no two facilities of the category closer than this (straight line, m). A greedy
     * pass leaves every candidate site within {@code spacing} of one, so spacing below the walking radius
     * is what lets the street network (longer than the straight line) still reach most housing.
     */
    private record Spec(String category, String label, double spacing, Site site) {
    }

    /** Spacings from the life-circle radii: 15-min 1000 m, 10-min 500 m, 5-min 300 m (bus stops 300 m). */
    private static final List<Spec> SPECS = List.of(
            new Spec("kindergarten", "幼儿园", 420, Site.PARCEL_EDGE),
            new Spec("primary_school", "小学", 560, Site.PUBLIC_BLOCK),
            new Spec("middle_school", "中学", 1100, Site.PUBLIC_BLOCK),
            new Spec("community_health_station", "社区卫生服务站", 450, Site.PARCEL_EDGE),
            new Spec("community_health_center", "社区卫生服务中心", 1100, Site.PUBLIC_BLOCK),
            new Spec("elderly_care", "养老院", 1100, Site.PUBLIC_BLOCK),
            new Spec("day_care_center", "老年人日间照料中心", 450, Site.PARCEL_EDGE),
            new Spec("vegetable_market", "菜市场", 700, Site.PARCEL_EDGE),
            new Spec("supermarket", "超市", 650, Site.COMMERCIAL_BLOCK),
            new Spec("community_service", "社区服务中心", 420, Site.PARCEL_EDGE),
            new Spec("cultural_center", "文化活动中心", 1100, Site.PUBLIC_BLOCK),
            new Spec("sports_field", "运动场", 750, Site.PUBLIC_BLOCK),
            new Spec("bus_stop", "公交站", 300, Site.STREET),
            new Spec("pharmacy", "药店", 500, Site.COMMERCIAL_BLOCK),
            new Spec("post_office", "邮政所", 1100, Site.COMMERCIAL_BLOCK));

    /** Radius of the lagging district, m: wider than the 15-minute walk, so its middle stays unserved. */
    private static final double LAGGING_RADIUS = 1300;
    /** Share of categories not yet built in the lagging district. */
    private static final double LAGGING_SHARE = 0.5;

    static List<Facility> place(LandUsePlan plan, StreetGrid grid, Coordinate townCentre, SplittableRandom rnd) {
        List<Facility> out = new ArrayList<>();
        if (plan.blocks.isEmpty()) {
            return out;
        }
        Coordinate lagging = laggingDistrict(plan, townCentre, rnd);
        for (Spec spec : SPECS) {
            boolean lags = rnd.nextDouble() < LAGGING_SHARE;
            List<Coordinate> sites = new ArrayList<>(shuffled(candidates(spec.site, plan, grid, rnd), rnd));
            if (spec.site != Site.PARCEL_EDGE && spec.site != Site.STREET) {
                // where no public or commercial block is near, the facility sits on a housing block's street side
                sites.addAll(shuffled(candidates(Site.PARCEL_EDGE, plan, grid, rnd), rnd));
            }
            List<Coordinate> placed = new ArrayList<>();
            for (Coordinate c : sites) {
                if (lags && c.distance(lagging) < LAGGING_RADIUS) {
                    continue;
                }
                if (placed.stream().anyMatch(p -> p.distance(c) < spec.spacing)) {
                    continue;
                }
                placed.add(c);
                String word = Names.pick(Names.STREET_WORDS, rnd.nextDouble());
                out.add(new Facility(Geo.GF.createPoint(new Coordinate(CityLayout.round2(c.x), CityLayout.round2(c.y))),
                        word + spec.label, spec.category));
            }
        }
        return out;
    }

    /** A housing block well away from the old centre: the middle of the district provision lags in. */
    private static Coordinate laggingDistrict(LandUsePlan plan, Coordinate townCentre, SplittableRandom rnd) {
        List<Coordinate> far = new ArrayList<>();
        for (Block b : plan.blocks) {
            if (b.use == Block.Use.RESIDENTIAL && b.centre().distance(townCentre) > 1200) {
                far.add(b.centre());
            }
        }
        if (far.isEmpty()) {
            return plan.blocks.get(rnd.nextInt(plan.blocks.size())).centre();
        }
        return far.get(rnd.nextInt(far.size()));
    }

    private static List<Coordinate> shuffled(List<Coordinate> sites, SplittableRandom rnd) {
        for (int k = sites.size() - 1; k > 0; k--) {
            int m = rnd.nextInt(k + 1);
            Coordinate t = sites.get(k);
            sites.set(k, sites.get(m));
            sites.set(m, t);
        }
        return sites;
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
}
