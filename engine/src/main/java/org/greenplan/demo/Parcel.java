package org.greenplan.demo;

import java.util.SplittableRandom;
import org.locationtech.jts.geom.Geometry;

/** A residential parcel (小区) with the numbers the coverage and life-circle engines weight by. */
record Parcel(Geometry area, int population, int households, String landUseCode) {

    /**
     * Net residential density of 150–290 people per hectare of parcel, a Zhejiang county town's mix of
     * mid-rise estates and older low-rise housing (about 100 m² of built-up land per resident overall);
     * the denser the estate, the more likely it is 一类 (070101) high-rise land in this synthetic scheme.
     */
    static Parcel housing(Geometry area, SplittableRandom rnd) {
        double density = 150 + 140 * rnd.nextDouble();
        int population = (int) Math.round(area.getArea() / 10_000 * density);
        int households = (int) Math.round(population / LandUsePlan.PEOPLE_PER_HOUSEHOLD);
        String code = density >= 245 ? "070101" : density >= 195 ? "070102" : "070103";
        return new Parcel(area, population, households, code);
    }
}
