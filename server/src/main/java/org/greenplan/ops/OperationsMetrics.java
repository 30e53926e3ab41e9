package org.greenplan.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.greenplan.indicator.service.IndicatorService;
import org.greenplan.limits.Bulkheads;
import org.greenplan.limits.CancelOnDisconnect;
import org.greenplan.network.service.NetworkService;
import org.greenplan.tiles.TileService;
import org.springframework.stereotype.Component;

/**
 * The server's own figures in {@code /actuator/prometheus}, read from the components that keep them (no second
 * count): per bulkhead kind the computations running and the requests queued; hits and misses of the indicator
 * results, the tiles and the walking graphs (a hit ratio is {@code hits / (hits + misses)} in the dashboard);
 * requests cancelled because their client hung up. Request timers per endpoint are Spring's
 * {@code http_server_requests}; indicator compute time and import rows per second are recorded where they happen
 * ({@code greenplan_indicator_compute}, {@code greenplan_import_rows_per_second}).
 */
@Component
public class OperationsMetrics implements MeterBinder {

    private final Bulkheads bulkheads;
    private final IndicatorService indicators;
    private final TileService tiles;
    private final NetworkService network;
    private final CancelOnDisconnect cancellations;

    public OperationsMetrics(Bulkheads bulkheads, IndicatorService indicators, TileService tiles,
            NetworkService network, CancelOnDisconnect cancellations) {
        this.bulkheads = bulkheads;
        this.indicators = indicators;
        this.tiles = tiles;
        this.network = network;
        this.cancellations = cancellations;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Bulkheads.Kind k : Bulkheads.Kind.values()) {
            Gauge.builder("greenplan.bulkhead.queued", bulkheads, b -> b.waiting(k)).tag("kind", k.id())
                    .description("requests waiting for a computation slot").register(registry);
            Gauge.builder("greenplan.bulkhead.running", bulkheads, b -> b.running(k)).tag("kind", k.id())
                    .description("computations running").register(registry);
            Gauge.builder("greenplan.bulkhead.limit", bulkheads, b -> b.limit(k)).tag("kind", k.id())
                    .description("computations allowed at once").register(registry);
        }
        cache(registry, "indicator", indicators, s -> s.cacheHits(), s -> s.cacheMisses());
        cache(registry, "tile", tiles, s -> s.cacheStats().hits(), s -> s.cacheStats().misses());
        cache(registry, "walk_graph", network, s -> s.cache().hits(), s -> s.cache().builds());
        FunctionCounter.builder("greenplan.requests.cancelled", cancellations, c -> c.cancelled())
                .description("computations stopped because their client hung up or their request timed out")
                .register(registry);
        Gauge.builder("greenplan.engine.threads.active", cancellations, c -> c.active())
                .description("threads computing engine answers (or queued in a bulkhead)").register(registry);
    }

    private static <T> void cache(MeterRegistry registry, String name, T source,
            java.util.function.ToDoubleFunction<T> hits, java.util.function.ToDoubleFunction<T> misses) {
        FunctionCounter.builder("greenplan.cache.hits", source, hits).tag("cache", name).register(registry);
        FunctionCounter.builder("greenplan.cache.misses", source, misses).tag("cache", name).register(registry);
    }
}
