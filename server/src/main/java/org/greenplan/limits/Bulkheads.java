package org.greenplan.limits;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.greenplan.Cancellation;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * How many expensive computations of each kind may run at once. A caller beyond the limit joins a bounded
 * queue of its kind ({@code greenplan.limits.queue}) and waits up to {@code greenplan.limits.wait} for a
 * permit; with the queue full, or after the wait, it is refused with {@link BusyException} (503 with
 * Retry-After). So the dashboard's burst of eight uncached cards queues and is answered, while a flood of
 * costly requests is shed instead of taking every core and the heap. Cached answers never come here: only
 * the work that computes them does.
 *
 * <p>The one place that decides admission; limits per kind under {@code greenplan.limits.concurrent.<kind>}.
 */
@Component
public class Bulkheads {

    /** The kinds of expensive work, with the property name of their limit and a default for 2 cores. */
    public enum Kind {
        CONTROL_LINE_CHECK("control-line-check", 2),
        INDICATOR("indicator", 2),
        ISOCHRONE("isochrone", 2),
        EXPORT("export", 2),
        WALK_GRAPH_BUILD("walk-graph-build", 1);

        private final String id;
        private final int defaultLimit;

        Kind(String id, int defaultLimit) {
            this.id = id;
            this.defaultLimit = defaultLimit;
        }

        public String id() {
            return id;
        }
    }

    /** A held permit; closing it lets the next computation of its kind in. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    /** How often a queued request looks whether its client is still there. */
    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Map<Kind, Semaphore> permits = new EnumMap<>(Kind.class);
    private final Map<Kind, Integer> limits = new EnumMap<>(Kind.class);
    private final Map<Kind, AtomicInteger> waiting = new EnumMap<>(Kind.class);
    private final int queue;
    private final Duration wait;
    private final Duration retryAfter;

    @Autowired
    public Bulkheads(LimitsProperties settings) {
        this(settings.concurrent()::of, settings.queue(), settings.queueWait(), settings.retryAfter());
    }

    /** Limits read from {@code env} (tests), with the defaults of {@link Kind}. */
    public Bulkheads(Environment env, int queue, Duration wait, Duration retryAfter) {
        this(k -> env.getProperty("greenplan.limits.concurrent." + k.id, Integer.class, k.defaultLimit), queue, wait,
                retryAfter);
    }

    private Bulkheads(ToIntFunction<Kind> limitOf, int queue, Duration wait, Duration retryAfter) {
        if (queue < 0) {
            throw new IllegalArgumentException("greenplan.limits.queue must not be negative");
        }
        this.queue = queue;
        for (Kind k : Kind.values()) {
            int limit = limitOf.applyAsInt(k);
            if (limit < 1) {
                throw new IllegalArgumentException("greenplan.limits.concurrent." + k.id + " must be at least 1");
            }
            limits.put(k, limit);
            permits.put(k, new Semaphore(limit, true));
            waiting.put(k, new AtomicInteger());
        }
        this.wait = wait;
        this.retryAfter = retryAfter;
    }

    /** A permit of this kind at once, or after waiting in the kind's queue up to the configured time. */
    public Permit enter(Kind kind) {
        Semaphore s = permits.get(kind);
        boolean acquired = s.tryAcquire();
        if (!acquired && joinQueue(kind)) {
            try {
                acquired = awaitPermit(s);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                waiting.get(kind).decrementAndGet();
            }
        }
        if (!acquired) {
            throw new BusyException(kind, limits.get(kind), retryAfter);
        }
        return new Permit() {
            private boolean open = true;

            @Override
            public synchronized void close() {
                if (open) {
                    open = false;
                    s.release();
                }
            }
        };
    }

    /**
     * Waits for a permit up to the configured time in short slices, leaving the queue as soon as the request's
     * {@link Cancellation} is cancelled (its client hung up): an abandoned request must not take a slot later.
     */
    private boolean awaitPermit(Semaphore s) throws InterruptedException {
        Cancellation token = Cancellation.current();
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            token.check();
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            if (s.tryAcquire(Math.min(left, SLICE_NANOS), TimeUnit.NANOSECONDS)) {
                if (token.isCancelled()) {
                    s.release();
                    token.check();
                }
                return true;
            }
        }
    }

    /**
     * Takes a place in the kind's queue, or returns false when it is full: a full queue refuses at once (waiting
     * there would only hold a request thread). The count never goes past the bound, even for a moment.
     */
    private boolean joinQueue(Kind kind) {
        AtomicInteger queued = waiting.get(kind);
        int n;
        do {
            n = queued.get();
            if (n >= queue) {
                return false;
            }
        } while (!queued.compareAndSet(n, n + 1));
        return true;
    }

    /** Runs {@code work} holding a permit of this kind. */
    public <T> T run(Kind kind, Supplier<T> work) {
        try (Permit p = enter(kind)) {
            return work.get();
        }
    }

    public int limit(Kind kind) {
        return limits.get(kind);
    }

    /** Requests of this kind waiting for a permit now. */
    public int waiting(Kind kind) {
        return waiting.get(kind).get();
    }

    /** Computations of this kind running now. */
    public int running(Kind kind) {
        return limits.get(kind) - permits.get(kind).availablePermits();
    }
}
