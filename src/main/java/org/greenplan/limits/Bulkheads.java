package org.greenplan.limits;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * How many expensive computations of each kind may run at once. A caller beyond the limit waits briefly
 * ({@code greenplan.limits.wait}) for a permit and is then refused with {@link BusyException} (503 with
 * Retry-After), so a burst of costly requests queues a little and then sheds load instead of taking every
 * core and the heap. Cached answers never come here: only the work that computes them does.
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

    private final Map<Kind, Semaphore> permits = new EnumMap<>(Kind.class);
    private final Map<Kind, Integer> limits = new EnumMap<>(Kind.class);
    private final Duration wait;
    private final Duration retryAfter;

    public Bulkheads(Environment env, @Value("${greenplan.limits.wait:1s}") Duration wait,
            @Value("${greenplan.limits.retry-after:5s}") Duration retryAfter) {
        for (Kind k : Kind.values()) {
            int limit = env.getProperty("greenplan.limits.concurrent." + k.id, Integer.class, k.defaultLimit);
            if (limit < 1) {
                throw new IllegalArgumentException("greenplan.limits.concurrent." + k.id + " must be at least 1");
            }
            limits.put(k, limit);
            permits.put(k, new Semaphore(limit, true));
        }
        this.wait = wait;
        this.retryAfter = retryAfter;
    }

    /** Waits up to the configured time for a permit of this kind. */
    public Permit enter(Kind kind) {
        Semaphore s = permits.get(kind);
        boolean acquired;
        try {
            acquired = s.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
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

    /** Runs {@code work} holding a permit of this kind. */
    public <T> T run(Kind kind, Supplier<T> work) {
        try (Permit p = enter(kind)) {
            return work.get();
        }
    }

    public int limit(Kind kind) {
        return limits.get(kind);
    }

    /** Computations of this kind running now. */
    public int running(Kind kind) {
        return limits.get(kind) - permits.get(kind).availablePermits();
    }
}
