package org.greenplan.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.greenplan.limits.Bulkheads.Kind;
import org.greenplan.limits.Bulkheads.Permit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** Admission by kind: a permit, else a place in the kind's bounded queue, else 503 at once. */
class BulkheadsTest {

    private static Bulkheads bulkheads(int limit, int queue) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test",
                Map.of("greenplan.limits.concurrent.indicator", limit)));
        // a long wait: nothing below may depend on it running out
        return new Bulkheads(env, queue, Duration.ofMinutes(5), Duration.ofSeconds(7));
    }

    /** Threads of their own: the common pool may have a single worker on 2 cores. */
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void aQueuedRequestGetsThePermitWhenItIsFreedAndAFullQueueRefusesAtOnce() throws Exception {
        Bulkheads b = bulkheads(1, 1);
        Permit held = b.enter(Kind.INDICATOR);
        CompletableFuture<Permit> queued = CompletableFuture.supplyAsync(() -> b.enter(Kind.INDICATOR), threads);
        while (b.waiting(Kind.INDICATOR) < 1) {
            Thread.onSpinWait();
        }
        // the queue is full: the next one is refused without joining it
        assertRefusedWithoutQueueing(b, 1);
        // other kinds have bulkheads of their own
        b.enter(Kind.ISOCHRONE).close();
        assertThat(queued).isNotDone();
        held.close();
        Permit second = queued.get(1, TimeUnit.MINUTES);
        assertThat(b.running(Kind.INDICATOR)).isEqualTo(1);
        assertThat(b.waiting(Kind.INDICATOR)).isZero();
        second.close();
        second.close(); // closing twice frees one permit only
        assertThat(b.running(Kind.INDICATOR)).isZero();
    }

    @Test
    void withoutAQueueABusyKindRefusesAtOnce() {
        Bulkheads b = bulkheads(2, 0);
        try (Permit one = b.enter(Kind.INDICATOR); Permit two = b.enter(Kind.INDICATOR)) {
            assertRefusedWithoutQueueing(b, 0);
        }
        b.enter(Kind.INDICATOR).close();
    }

    /**
     * One more indicator request is refused (503) and never joins the queue, which already holds
     * {@code queued}: it would show as one more waiter (watched instead of timed, so a wrong queue fails at once
     * rather than after the long wait).
     */
    private void assertRefusedWithoutQueueing(Bulkheads b, int queued) {
        CompletableFuture<Permit> refused = CompletableFuture.supplyAsync(() -> b.enter(Kind.INDICATOR), threads);
        while (!refused.isDone()) {
            assertThat(b.waiting(Kind.INDICATOR)).as("waiting beyond the queue").isLessThanOrEqualTo(queued);
            Thread.onSpinWait();
        }
        assertThatThrownBy(refused::join).hasCauseInstanceOf(BusyException.class)
                .satisfies(e -> assertThat(((BusyException) e.getCause()).retryAfterSeconds()).isEqualTo(7));
    }
}
