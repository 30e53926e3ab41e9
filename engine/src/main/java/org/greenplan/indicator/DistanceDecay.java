package org.greenplan.indicator;

import java.util.List;
import java.util.Locale;

/**
 * How much a supply site counts for a resident at distance d within its catchment d₀ (the 2SFCA's weight
 * w(d)); beyond d₀ it counts nothing. {@code step} is the original two-step floating catchment (Luo &amp; Wang
 * 2003): everyone inside counts fully. {@code linear} falls from 1 at the site to 0 at d₀. {@code gaussian} is
 * the Gaussian 2SFCA (Dai 2010): (e^{−½(d/d₀)²} − e^{−½}) ÷ (1 − e^{−½}), 1 at the site, 0 at d₀, flat near
 * the site and steepest at the edge of the catchment.
 */
public enum DistanceDecay {
    STEP, LINEAR, GAUSSIAN;

    static final List<String> NAMES = List.of("step", "linear", "gaussian");
    private static final double EDGE = Math.exp(-0.5);

    static DistanceDecay of(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** The weight of a site {@code metres} away whose catchment is {@code reach} metres: in [0, 1]. */
    double weight(double metres, double reach) {
        if (!(metres <= reach) || reach <= 0) {
            return metres <= 0 && reach >= 0 ? 1 : 0;
        }
        double x = Math.max(0, metres) / reach;
        return switch (this) {
            case STEP -> 1;
            case LINEAR -> 1 - x;
            case GAUSSIAN -> (Math.exp(-0.5 * x * x) - EDGE) / (1 - EDGE);
        };
    }
}
