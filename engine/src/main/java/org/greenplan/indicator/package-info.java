/**
 * The indicator engine: the spatial indicators that green urban-rural development policy sets targets
 * for (park service-radius coverage, green space ratio, park area per capita, greenway length per 10,000
 * people, sponge-city share, land development intensity, control-line conflicts, life-circle coverage).
 *
 * <p>Plain Java on JTS, no Spring, JDBC or JSON types, so the server, the CLI and the batch job run the
 * same code. Callers hand over lon/lat {@link org.greenplan.geo.Feature}s grouped by {@link
 * org.greenplan.kind.LayerKind} in {@link org.greenplan.indicator.Layers}; every area and distance
 * is measured in metres in the Gauss-Krüger zone of the data's centre, never in degrees. Results are
 * immutable records ({@link org.greenplan.indicator.IndicatorResult}). Each indicator class declares its
 * {@link org.greenplan.indicator.IndicatorDefinition} ({@code DEFINITION}: names, unit, definition and
 * standard, required and optional layer kinds, parameters, reach beyond the area, gaps); {@link
 * org.greenplan.indicator.IndicatorCatalogue} lists them in order and creates an indicator from an id and a
 * parameter map. Definitions follow {@code INDICATORS.md}.
 *
 * <pre>{@code
 * Indicator ind = IndicatorCatalogue.create("park_service_coverage", Map.of("largeParkRadius", "500"));
 * IndicatorResult r = ind.compute(Layers.builder()
 *         .add(LayerKind.RESIDENTIAL, parcels).add(LayerKind.PARK, parks).add(LayerKind.ADMIN_AREA, districts)
 *         .build());
 * ControlLines lines = ControlLines.of(controlLineLayers);   // build once per layer set, then per request:
 * ProjectCheck check = lines.check(projectLonLat);
 * }</pre>
 *
 * <p>Indicators and {@code ControlLines} are immutable and thread-safe. City-scale loops run in chunks
 * on the common fork-join pool. Bad parameters throw {@link org.greenplan.indicator.InvalidParameterException}
 * naming the parameter; an empty denominator gives value 0 plus a note, never NaN.
 */
package org.greenplan.indicator;
