package org.greenplan.indicator.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Concurrent identical requests share one computation; the cache never holds more than its bytes. */
class ResultCacheTest {

    @Test
    void concurrentRequestsForOneKeyComputeOnce() throws Exception {
        ResultCache<String> cache = new ResultCache<>(16);
        AtomicInteger computations = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> answers = new ArrayList<>();
            answers.add(pool.submit(() -> cache.get("k", () -> {
                computations.incrementAndGet();
                started.countDown();
                await(release);
                return "v";
            })));
            started.await();
            for (int i = 0; i < 3; i++) {
                answers.add(pool.submit(() -> cache.get("k", () -> {
                    computations.incrementAndGet();
                    return "other";
                })));
            }
            // the three late callers are waiting on the first one's computation (or will find it cached)
            while (cache.shared() < 3 && answers.stream().noneMatch(Future::isDone)) {
                Thread.onSpinWait();
            }
            release.countDown();
            for (Future<String> f : answers) {
                assertThat(f.get()).isEqualTo("v");
            }
            assertThat(computations.get()).isEqualTo(1);
            assertThat(cache.shared()).isEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailureReachesEveryWaiterAndIsNotCached() {
        ResultCache<String> cache = new ResultCache<>(16);
        assertThatThrownBy(() -> cache.get("k", () -> {
            throw new IllegalStateException("database down");
        })).hasMessage("database down");
        assertThat(cache.get("k", () -> "v")).isEqualTo("v");
    }

    @Test
    void boundedByBytesLeastRecentlyUsedFirst() {
        ResultCache<String> cache = new ResultCache<>(100, 10, s -> s.length());
        cache.put("a", "aaaa");
        cache.put("b", "bbbb");
        cache.getIfPresent("a"); // a is now the most recently used
        cache.put("c", "cccc"); // 12 bytes > 10: b goes
        assertThat(cache.getIfPresent("b")).isNull();
        assertThat(cache.getIfPresent("a")).isEqualTo("aaaa");
        assertThat(cache.bytes()).isEqualTo(8);
        cache.put("huge", "x".repeat(11)); // larger than the whole cache: not kept, nothing evicted for it
        assertThat(cache.getIfPresent("huge")).isNull();
        assertThat(cache.size()).isEqualTo(2);
    }

    private static void await(CountDownLatch l) {
        try {
            l.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
