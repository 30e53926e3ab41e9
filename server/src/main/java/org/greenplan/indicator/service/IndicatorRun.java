package org.greenplan.indicator.service;

import java.time.Instant;
import java.util.List;
import org.greenplan.indicator.IndicatorDefinition;
import org.greenplan.indicator.IndicatorResult;

/**
 * One computed (or cached) indicator: the engine result plus what it was computed from.
 *
 * @param cacheKey indicator, area, effective parameters and the (layer, version) pairs read
 * @param mode     {@code network} or {@code euclidean} for the indicators that measure distance, else null
 * @param modeNote why that mode was used (asked for, or the default and why)
 */
public record IndicatorRun(IndicatorDefinition definition, IndicatorResult result, AreaOfInterest area,
        List<LayerUse> layersUsed, Instant computedAt, long computeMillis, String cacheKey, String mode,
        String modeNote) {

    public IndicatorRun {
        layersUsed = List.copyOf(layersUsed);
    }
}
