package org.greenplan.network;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Walking graphs kept in memory, one per key (for the server: the sorted set of road layer ids and
 * versions), bounded and evicted least-recently-used. Plain Java.
 *
 * <ul>
 * <li><b>Single flight:</b> the first caller of a key builds its graph, in its own thread; callers of the
 * same key meanwhile wait for that one build instead of starting their own.</li>
 * <li><b>Never blocks readers:</b> no lock is held while building. Readers of graphs already built (an
 * older version of the same layer included) get them at once, while a new version builds.</li>
 * <li><b>Bounded:</b> once more than {@code maxGraphs} graphs are built the least recently used one is
 * dropped, and its pooled search arrays are released. Searches still running on it finish normally; the
 * memory goes once they end. Builds in progress are never evicted.</li>
 * <li><b>Failures are not cached:</b> a failed build (no walkable road, database error) is rethrown to
 * every caller that waited for it; the next call tries again.</li>
 * </ul>
 *
 * @param <K> the key; needs equals/hashCode, e.g. a record or a list of records
 */
public final class WalkGraphCache<K> {

    /** What happened to a cache entry; for logs and the statistics endpoint. */
    public record Entry<K>(K key, GraphStats stats, long lastUsedTick) {
    }

    private final class Slot {
        final CompletableFuture<WalkGraph> graph = new CompletableFuture<>();
        volatile long lastUsed = tick.incrementAndGet();
    }

    private final int maxGraphs;
    private final Map<K, Slot> slots = new ConcurrentHashMap<>();
    private final AtomicLong tick = new AtomicLong();
    private final AtomicLong builds = new AtomicLong();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong evictions = new AtomicLong();

    public WalkGraphCache(int maxGraphs) {
        if (maxGraphs < 1) {
            throw new IllegalArgumentException("the graph cache must hold at least one graph");
        }
        this.maxGraphs = maxGraphs;
    }

    /**
     * The graph of the key, built by {@code builder} (in this thread) when absent.
     *
     * @throws RuntimeException whatever the builder threw (e.g. {@link NoWalkableNetworkException})
     */
    public WalkGraph get(K key, Function<? super K, WalkGraph> builder) {
        Slot mine = new Slot();
        Slot slot = slots.putIfAbsent(key, mine);
        if (slot == null) {
            build(key, mine, builder);
            slot = mine;
        } else {
            hits.incrementAndGet();
        }
        slot.lastUsed = tick.incrementAndGet();
        try {
            return org.greenplan.Futures.join(slot.graph);
        } catch (CancellationException e) {
            throw new IllegalStateException("the graph build was cancelled", e);
        }
    }

    private void build(K key, Slot slot, Function<? super K, WalkGraph> builder) {
        builds.incrementAndGet();
        try {
            slot.graph.complete(builder.apply(key));
        } catch (Throwable t) {
            slots.remove(key, slot);
            slot.graph.completeExceptionally(t);
            return;
        }
        evictBeyondLimit();
    }

    private void evictBeyondLimit() {
        List<Map.Entry<K, Slot>> built = new ArrayList<>();
        for (Map.Entry<K, Slot> e : slots.entrySet()) {
            if (e.getValue().graph.isDone() && !e.getValue().graph.isCompletedExceptionally()) {
                built.add(e);
            }
        }
        if (built.size() <= maxGraphs) {
            return;
        }
        built.sort(Comparator.comparingLong(e -> e.getValue().lastUsed));
        for (int i = 0; i < built.size() - maxGraphs; i++) {
            Map.Entry<K, Slot> victim = built.get(i);
            if (slots.remove(victim.getKey(), victim.getValue())) {
                evictions.incrementAndGet();
                victim.getValue().graph.join().releaseScratch();
            }
        }
    }

    /** The graph of the key if it is built, without building or touching its recency. */
    public WalkGraph peek(K key) {
        Slot s = slots.get(key);
        return s != null && s.graph.isDone() && !s.graph.isCompletedExceptionally() ? s.graph.join() : null;
    }

    /** Drops every graph whose key matches (e.g. all graphs of a deleted layer). */
    public void invalidateIf(java.util.function.Predicate<K> which) {
        for (K k : List.copyOf(slots.keySet())) {
            if (which.test(k)) {
                Slot s = slots.remove(k);
                if (s != null && s.graph.isDone() && !s.graph.isCompletedExceptionally()) {
                    s.graph.join().releaseScratch();
                }
            }
        }
    }

    /** Built graphs, most recently used first. */
    public List<Entry<K>> entries() {
        List<Entry<K>> out = new ArrayList<>();
        slots.forEach((k, s) -> {
            if (s.graph.isDone() && !s.graph.isCompletedExceptionally()) {
                out.add(new Entry<>(k, s.graph.join().stats(), s.lastUsed));
            }
        });
        out.sort(Comparator.comparingLong((Entry<K> e) -> e.lastUsedTick()).reversed());
        return out;
    }

    public int maxGraphs() {
        return maxGraphs;
    }

    public long builds() {
        return builds.get();
    }

    public long hits() {
        return hits.get();
    }

    public long evictions() {
        return evictions.get();
    }

    /** Keys being built right now. */
    public Collection<K> building() {
        List<K> out = new ArrayList<>();
        slots.forEach((k, s) -> {
            if (!s.graph.isDone()) {
                out.add(k);
            }
        });
        return out;
    }
}
