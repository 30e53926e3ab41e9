package org.greenplan.indicator;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every indicator the engine computes, in the order the API, the dashboard and the CSV table list them.
 * Each indicator declares itself in its own class ({@code DEFINITION}: names, standard, layer kinds,
 * parameters, reach, gaps); this list only says which indicators exist and in what order.
 */
public final class IndicatorCatalogue {

    private static final List<IndicatorDefinition> ALL = List.of(
            ParkServiceCoverage.DEFINITION,
            GreenSpaceRatio.DEFINITION,
            ParkAreaPerCapita.DEFINITION,
            GreenwayDensity.DEFINITION,
            SpongeCityShare.DEFINITION,
            DevelopmentIntensity.DEFINITION,
            ControlLineCheck.DEFINITION,
            LifeCircleCoverage.DEFINITION,
            ForestCoverage.DEFINITION,
            GreenwayLength.DEFINITION,
            ChildcareCoverage.DEFINITION,
            HomeCareCoverage.DEFINITION,
            HealthCentreCoverage.DEFINITION,
            TwoStepAccessibility.DEFINITION);

    private static final Map<String, IndicatorDefinition> BY_ID = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(IndicatorDefinition::id, Function.identity()));

    private IndicatorCatalogue() {
    }

    public static List<IndicatorDefinition> all() {
        return ALL;
    }

    public static Optional<IndicatorDefinition> definition(String id) {
        return Optional.ofNullable(id == null ? null : BY_ID.get(id));
    }

    /**
     * The indicator with these raw parameters (defaults for the missing ones).
     *
     * @throws NoSuchElementException    unknown id
     * @throws InvalidParameterException a parameter is unknown or out of range
     */
    public static Indicator create(String id, Map<String, ?> parameters) {
        return definition(id).orElseThrow(() -> new NoSuchElementException("unknown indicator '" + id + "'; known: "
                + ALL.stream().map(IndicatorDefinition::id).toList())).create(parameters);
    }
}
