package org.greenplan.indicatorservice;

import java.time.Instant;
import java.util.List;
import org.greenplan.indicator.IndicatorDefinition;
import org.greenplan.indicator.IndicatorResult;

/**
 * One computed (or cached) indicator: the engine result plus what it was computed from.
 *
 * @param cacheKey indicator, area, effective parameters and the (layer, version) pairs read
 */
public record IndicatorRun(IndicatorDefinition definition, IndicatorResult result, AreaOfInterest area,
        List<LayerUse> layersUsed, Instant computedAt, long computeMillis, String cacheKey) {

    public IndicatorRun {
        layersUsed = List.copyOf(layersUsed);
    }
}
