package org.greenplan.indicator.service;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * A least-recently-used cache of indicator runs, bounded by entries and by (estimated) bytes: a run holds its
 * gap geometry, which for a whole city is megabytes, so a count alone would let 256 of them fill the heap. The
 * key holds the layer versions read, so a new version of an input layer makes a new key: stale entries are
 * never served, they just age out.
 *
 * <p><b>Single flight:</b> concurrent requests for one key share one computation (the dashboard's eight
 * cards opened by four colleagues at once compute eight runs, not 32). A failed computation is rethrown to
 * every waiter and not cached; one cancelled because its own client hung up is taken over by a waiter.
 */
final class ResultCache<V> {

    private final Map<String, Sized<V>> entries;
    private final Map<String, CompletableFuture<V>> inFlight = new ConcurrentHashMap<>();
    private final long maxBytes;
    private final ToLongFunction<V> weigher;
    private long bytes;
    private long hits, misses, shared;

    private record Sized<V>(V value, long bytes) {
    }

    ResultCache(int capacity) {
        this(capacity, Long.MAX_VALUE, v -> 0);
    }

    ResultCache(int capacity, long maxBytes, ToLongFunction<V> weigher) {
        this.maxBytes = maxBytes;
        this.weigher = weigher;
        this.entries = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Sized<V>> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized V getIfPresent(String key) {
        Sized<V> v = entries.get(key);
        if (v == null) {
            misses++;
            return null;
        }
        hits++;
        return v.value();
    }

    synchronized void put(String key, V value) {
        long size = weigher.applyAsLong(value);
        if (size > maxBytes) {
            return; // larger than the whole cache: answered, not kept
        }
        Sized<V> old = entries.put(key, new Sized<>(value, size));
        bytes += size - (old == null ? 0 : old.bytes());
        var it = entries.entrySet().iterator();
        while (bytes > maxBytes && it.hasNext()) {
            var e = it.next();
            bytes -= e.getValue().bytes();
            it.remove();
        }
        // the count bound evicted through removeEldestEntry: recount (rare, cheap for a few hundred entries)
        bytes = entries.values().stream().mapToLong(Sized::bytes).sum();
    }

    /**
     * The cached value, or one computed now by this caller (outside the lock: runs take seconds) or by the
     * caller already computing it.
     */
    V get(String key, Supplier<V> compute) {
        V v = getIfPresent(key);
        if (v != null) {
            return v;
        }
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            synchronized (this) {
                shared++;
            }
            try {
                return org.greenplan.Futures.join(running);
            } catch (org.greenplan.Cancellation.Cancelled c) {
                // the request computing it was abandoned by its client; this one was not: compute it again
                org.greenplan.Cancellation.checkCurrent();
                return get(key, compute);
            }
        }
        try {
            v = compute.get();
            put(key, v);
            mine.complete(v);
            return v;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized long bytes() {
        return bytes;
    }

    synchronized long hits() {
        return hits;
    }

    synchronized long misses() {
        return misses;
    }

    /** Requests answered by another request's computation of the same key. */
    synchronized long shared() {
        return shared;
    }
}
