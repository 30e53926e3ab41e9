package org.greenplan.indicator.service;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A bounded least-recently-used cache of indicator runs. The key holds the layer versions read, so a new
 * version of an input layer makes a new key: stale entries are never served, they just age out.
 */
final class ResultCache<V> {

    private final Map<String, V> entries;
    private long hits, misses;

    ResultCache(int capacity) {
        this.entries = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized V getIfPresent(String key) {
        V v = entries.get(key);
        if (v == null) {
            misses++;
        } else {
            hits++;
        }
        return v;
    }

    synchronized void put(String key, V value) {
        entries.put(key, value);
    }

    /** The cached value, or a newly computed one (computed outside the lock: runs can take seconds). */
    V get(String key, Supplier<V> compute) {
        V v = getIfPresent(key);
        if (v != null) {
            return v;
        }
        v = compute.get();
        put(key, v);
        return v;
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized long hits() {
        return hits;
    }
}
