/**
 * The indicator engine: the spatial indicators that green urban-rural development policy sets targets
 * for (park service-radius coverage, green space ratio, park area per capita, greenway length per 10,000
 * people, sponge-city share, land development intensity, control-line conflicts, life-circle coverage).
 *
 * <p>Plain Java on JTS, no Spring, JDBC or JSON types, so the server, the CLI and the batch job run the
 * same code. Callers hand over lon/lat {@link org.greenplan.geo.Feature}s grouped by {@link
 * org.greenplan.indicator.LayerKind} in {@link org.greenplan.indicator.Layers}; every area and distance
 * is measured in metres in the Gauss-Krüger zone of the data's centre, never in degrees. Results are
 * immutable records ({@link org.greenplan.indicator.IndicatorResult}). {@link
 * org.greenplan.indicator.IndicatorCatalogue} lists the indicators, their parameters and standards, and
 * creates an indicator from an id and a parameter map. Definitions follow {@code INDICATORS.md}.
 */
package org.greenplan.indicator;
