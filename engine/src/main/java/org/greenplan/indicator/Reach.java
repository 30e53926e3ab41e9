package org.greenplan.indicator;

import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.greenplan.kind.LayerKind;

/**
 * How far outside the area of interest features of some kinds still count inside it: a park serves the
 * residents within its service radius, a facility those within walking distance, wherever the area's edge
 * runs. The server loads features of these kinds that far beyond the area; every other kind only inside it.
 *
 * @param kinds    the kinds that serve across the area's edge
 * @param distance the largest such distance in metres, from the indicator's effective parameters
 */
public record Reach(Set<LayerKind> kinds, ToDoubleFunction<Parameters> distance) {

    /** Nothing outside the area counts. */
    public static final Reach NONE = new Reach(Set.of(), p -> 0);

    /** A metre more than the distance, so a feature exactly at the reach is loaded. */
    private static final double SLACK_M = 1;

    public Reach {
        kinds = Set.copyOf(kinds);
    }

    public static Reach of(LayerKind kind, ToDoubleFunction<Parameters> distance) {
        return new Reach(Set.of(kind), distance);
    }

    /** Metres beyond the area to read features of {@link #kinds()} from, for these parameters. */
    public double metres(Parameters parameters) {
        return distance.applyAsDouble(parameters) + SLACK_M;
    }
}
