package org.greenplan.tiles;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jakarta.annotation.PreDestroy;
import org.greenplan.layer.LayerChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps generalised overviews ({@link OverviewRepository}) of every layer's current version for
 * {@link #ZOOMS}, built on one background thread after a version is published and, at start-up, for current
 * versions that lack one. Publishing never waits for it; until it is ready tiles use the live query.
 */
@Service
public class TileOverviews {

    /**
     * The zooms whose tiles are drawn from an overview: the two lowest the tile goal covers, and the slowest
     * live (a z 13 road tile still reads ~3,000 segments of a few pixels). From z 14 a tile reads few enough
     * features to be drawn live, with their attributes.
     */
    public static final java.util.List<Integer> ZOOMS = java.util.List.of(12, 13);

    private static final Logger log = LoggerFactory.getLogger(TileOverviews.class);

    private final OverviewRepository overviews;
    private final TileService tiles;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> org.greenplan.limits.BackgroundThreads.daemon(r, "tile-overviews"));
    /** Versions queued or being built, so a burst of events for one version builds it once. */
    private final Set<Long> pending = ConcurrentHashMap.newKeySet();
    private final AtomicInteger running = new AtomicInteger();

    /** Off ({@code greenplan.tiles.overviews=false}): nothing is built, tiles all use the live query. */
    private final boolean enabled;

    public TileOverviews(OverviewRepository overviews, TileService tiles, TilesProperties settings) {
        this.overviews = overviews;
        this.tiles = tiles;
        this.enabled = settings.overviews();
    }

    @EventListener(ApplicationReadyEvent.class)
    void buildMissing() {
        if (!enabled) {
            return;
        }
        ZOOMS.stream().flatMap(z -> overviews.currentVersionsWithout(z).stream()).distinct().sorted()
                .forEach(this::enqueue);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void layerChanged(LayerChanged change) {
        if (!enabled) {
            return;
        }
        running.incrementAndGet();
        try {
            worker.execute(() -> {
                try {
                    // read on the worker: the event handler runs right after the publishing commit, on its thread
                    overviews.currentVersion(change.workspace(), change.layerId()).ifPresent(this::build);
                    overviews.dropSuperseded(change.workspace(), change.layerId());
                } finally {
                    running.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException e) {
            running.decrementAndGet(); // shutting down
        }
    }

    private void enqueue(long versionId) {
        if (!pending.add(versionId)) {
            return;
        }
        running.incrementAndGet();
        try {
            worker.execute(() -> {
                try {
                    build(versionId);
                } finally {
                    pending.remove(versionId);
                    running.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException e) {
            pending.remove(versionId);
            running.decrementAndGet();
        }
    }

    /** Builds the version's missing overviews, lowest zoom first (the slowest live tiles gain first). */
    private void build(long versionId) {
        for (int zoom : ZOOMS) {
            if (!build(versionId, zoom)) {
                return;
            }
        }
    }

    private boolean build(long versionId, int zoom) {
        try {
            overviews.build(versionId, zoom).ifPresent(b -> {
                log.info("Overview z{} of layer {} (version row {}): {} geometries, {} vertices in {} ms", b.level(),
                        b.layerId(), versionId, b.geometries(), b.vertices(), b.buildMillis());
                tiles.overviewReady(b.workspace(), b.layerId(), b.level());
            });
            return true;
        } catch (RuntimeException e) {
            // e.g. the layer was deleted meanwhile; its tiles keep using the live query, which is always correct
            log.warn("Overview of version row {} not built: {}", versionId,
                    org.springframework.core.NestedExceptionUtils.getMostSpecificCause(e).getMessage());
            return false;
        }
    }

    /** Whether no build is queued or running. */
    public boolean idle() {
        return running.get() == 0;
    }

    /** Waits until no build is queued or running (benchmarks, tests); false on timeout. */
    public boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
        long until = System.nanoTime() + unit.toNanos(timeout);
        while (!idle()) {
            if (System.nanoTime() > until) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
