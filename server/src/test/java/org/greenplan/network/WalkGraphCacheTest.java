package org.greenplan.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The graph cache: single flight, LRU bound, failures not cached, readers never wait for another build. */
class WalkGraphCacheTest {

    private static WalkGraph small() {
        return new WalkGraphBuilder().build(TestNetworks.grid(2, 100));
    }

    @Test
    void buildsEachKeyOnceEvenWhenAskedConcurrently() throws Exception {
        WalkGraphCache<String> cache = new WalkGraphCache<>(2);
        AtomicInteger builds = new AtomicInteger();
        CountDownLatch building = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<WalkGraph>> gets = new java.util.ArrayList<>();
            gets.add(pool.submit(() -> cache.get("a", k -> {
                builds.incrementAndGet();
                building.countDown();
                await(release);
                return small();
            })));
            assertThat(building.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 3; i++) {
                gets.add(pool.submit(() -> cache.get("a", k -> {
                    builds.incrementAndGet();
                    return small();
                })));
            }
            Thread.sleep(100);
            assertThat(cache.building()).containsExactly("a");
            release.countDown();
            WalkGraph first = gets.get(0).get(10, TimeUnit.SECONDS);
            for (Future<WalkGraph> f : gets) {
                assertThat(f.get(10, TimeUnit.SECONDS)).isSameAs(first);
            }
            assertThat(builds.get()).isEqualTo(1);
            assertThat(cache.hits()).isEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSlowBuildDoesNotBlockReadersOfBuiltGraphs() throws Exception {
        WalkGraphCache<String> cache = new WalkGraphCache<>(4);
        WalkGraph v1 = cache.get("roads v1", k -> small());
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<WalkGraph> v2 = pool.submit(() -> cache.get("roads v2", k -> {
                await(release);
                return small();
            }));
            Thread.sleep(50);
            long t0 = System.nanoTime();
            assertThat(cache.get("roads v1", k -> {
                throw new AssertionError("must not rebuild");
            })).isSameAs(v1);
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(1000);
            release.countDown();
            assertThat(v2.get(10, TimeUnit.SECONDS)).isNotSameAs(v1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void evictsTheLeastRecentlyUsedAndReleasesItsSearchArrays() {
        WalkGraphCache<String> cache = new WalkGraphCache<>(2);
        WalkGraph a = cache.get("a", k -> small());
        WalkGraph b = cache.get("b", k -> small());
        new Isochrone(a).fromSnaps(List.of(TestNetworks.snap(a, 50, 0)), 100); // a gets pooled arrays
        assertThat(a.idleScratchCount()).isEqualTo(1);
        cache.get("a", k -> small()); // a is now more recent than b
        cache.get("c", k -> small());
        assertThat(cache.peek("a")).isSameAs(a);
        assertThat(cache.peek("b")).isNull();
        assertThat(cache.peek("c")).isNotNull();
        assertThat(cache.evictions()).isEqualTo(1);
        cache.get("d", k -> small());
        assertThat(cache.peek("a")).isNull();
        assertThat(a.idleScratchCount()).as("evicted graph's search arrays").isZero();
        assertThat(cache.entries()).extracting(WalkGraphCache.Entry::key).containsExactly("d", "c");
        assertThat(b.nodeCount()).as("an evicted graph stays usable by whoever holds it").isGreaterThan(0);
    }

    @Test
    void failuresAreRethrownAndNotCached() {
        WalkGraphCache<String> cache = new WalkGraphCache<>(2);
        assertThatThrownBy(() -> cache.get("x", k -> new WalkGraphBuilder().build(List.of(
                TestNetworks.road(TestNetworks.xy(0, 0, 100, 0), "highway", "construction")))))
                .isInstanceOf(NoWalkableNetworkException.class);
        assertThat(cache.get("x", k -> small())).isNotNull();
        assertThat(cache.builds()).isEqualTo(2);
    }

    @Test
    void searchArraysArePooledNotPerThread() throws Exception {
        WalkGraph g = small();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int i = 0; i < 40; i++) {
                pool.submit(() -> new MultiSourceDijkstra(g).from(List.of(TestNetworks.snap(g, 50, 0)), 150)).get();
            }
        } finally {
            pool.shutdownNow();
        }
        // sequential searches on four threads share one set of arrays
        assertThat(g.idleScratchCount()).isEqualTo(1);
        g.releaseScratch();
        assertThat(g.idleScratchCount()).isZero();
        assertThat(new MultiSourceDijkstra(g).from(List.of(TestNetworks.snap(g, 50, 0)), 150)
                .nodeDistance(TestNetworks.nodeAt(g, 0, 0))).isCloseTo(50.0, org.assertj.core.api.Assertions.within(1e-3));
    }

    private static void await(CountDownLatch l) {
        try {
            l.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
