package org.greenplan.demo;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Geometry;

/**
 * Green space other than parks (其他绿地 of CJJ/T 85-2017 inside the built-up area): the landscaped edge of
 * every town estate and of the public, commercial and industrial blocks (附属绿地). A county town's 建成区
 * 绿地率 of 30–40 % comes mostly from this land, not from its parks; estates are green to 40 %. Drawn as a ring along each plot's edge whose width gives the plot's green share.
 */
final class GreenSpace {

    record Patch(Geometry area, String name, String type) {
    }

    /** Green share of an estate (GB 50180-2018 4.0.2: at least 30 % for new estates; Zhejiang asks 35 % and more). */
    static final double RESIDENTIAL_SHARE = 0.40;
    /** Green share of public and commercial blocks (plazas, school grounds, frontage planting). */
    static final double CIVIC_SHARE = 0.35;
    /** Green share of industrial blocks (protective planting along the plot edge). */
    static final double INDUSTRIAL_SHARE = 0.25;

    private GreenSpace() {
    }

    static List<Patch> place(LandUsePlan plan, List<Parcel> townParcels) {
        List<Patch> out = new ArrayList<>();
        for (Parcel p : townParcels) {
            add(out, p.area(), RESIDENTIAL_SHARE, "居住区附属绿地");
        }
        for (Block b : plan.blocks) {
            switch (b.use) {
                case PUBLIC -> add(out, b.buildable(), CIVIC_SHARE, "公共设施附属绿地");
                case COMMERCIAL -> add(out, b.buildable(), CIVIC_SHARE, "商业附属绿地");
                case INDUSTRIAL -> add(out, b.buildable(), INDUSTRIAL_SHARE, "工业防护绿地");
                default -> { }
            }
        }
        return out;
    }

    /** The ring of {@code plot} whose area is about {@code share} of it (width from the plot's equivalent square). */
    private static void add(List<Patch> out, Geometry plot, double share, String name) {
        double side = Math.sqrt(plot.getArea());
        double width = side * (1 - Math.sqrt(1 - share)) / 2;
        Geometry ring = Geo.areas(plot.difference(plot.buffer(-width, 2)), 1);
        if (!ring.isEmpty()) {
            for (int k = 0; k < ring.getNumGeometries(); k++) {
                out.add(new Patch(ring.getGeometryN(k), name, "附属绿地"));
            }
        }
    }
}
