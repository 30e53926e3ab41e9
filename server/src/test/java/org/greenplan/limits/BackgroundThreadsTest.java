package org.greenplan.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The background priority reaches the threads that do the work: the thread itself, and the fork-join workers the
 * engines' parallel chunks run on (they inherit the priority of the thread that starts them — the JDK behaviour the
 * design relies on; were it to change, tiles would compete with computations at equal shares again).
 */
class BackgroundThreadsTest {

    @Test
    void aBackgroundThreadIsADaemonAtTheLowestPriority() throws InterruptedException {
        AtomicReference<Integer> seen = new AtomicReference<>();
        Thread t = BackgroundThreads.daemon(() -> seen.set(Thread.currentThread().getPriority()), "test-background");
        assertThat(t.isDaemon()).isTrue();
        t.start();
        t.join();
        assertThat(seen.get()).isEqualTo(Thread.MIN_PRIORITY);
    }

    @Test
    void forkJoinWorkersStartedByABackgroundThreadRunAtItsPriority() throws InterruptedException {
        // a pool of its own, so workers the common pool already has (started by other tests) do not answer
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(2);
        Set<Integer> priorities = ConcurrentHashMap.newKeySet();
        Thread t = BackgroundThreads.daemon(() -> pool.submit(() -> IntStream.range(0, 64).parallel().forEach(i -> {
            priorities.add(Thread.currentThread().getPriority());
            busy();
        })).join(), "test-background");
        t.start();
        t.join();
        pool.shutdown();
        assertThat(priorities).containsExactly(Thread.MIN_PRIORITY);
    }

    private static void busy() {
        long x = 0;
        for (int i = 0; i < 200_000; i++) {
            x += i % 7;
        }
        if (x == 42) {
            throw new IllegalStateException();
        }
    }
}
