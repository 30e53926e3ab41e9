package org.greenplan.demo;

import java.util.SplittableRandom;
import org.locationtech.jts.geom.Geometry;

/** A residential parcel (小区) with the numbers the coverage and life-circle engines weight by. */
record Parcel(Geometry area, int population, int households, String landUseCode) {

    /**
     * Net residential density of 300–600 people per hectare of parcel, typical of Hangzhou estates;
     * the denser the estate, the more likely it is 一类 (070101) high-rise land in this synthetic scheme.
     */
    static Parcel housing(Geometry area, SplittableRandom rnd) {
        double density = 300 + 300 * rnd.nextDouble();
        int population = (int) Math.round(area.getArea() / 10_000 * density);
        int households = (int) Math.round(population / LandUsePlan.PEOPLE_PER_HOUSEHOLD);
        String code = density >= 500 ? "070101" : density >= 400 ? "070102" : "070103";
        return new Parcel(area, population, households, code);
    }
}
