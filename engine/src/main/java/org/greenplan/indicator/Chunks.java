package org.greenplan.indicator;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Runs per-feature work in chunks on the common fork-join pool and merges per-chunk accumulators, so
 * the city-scale indicators use every core without sharing mutable state between threads.
 */
final class Chunks {

    private static final int CHUNK = 2048;

    private Chunks() {
    }

    interface Step<A> {
        void accept(A accumulator, int index);
    }

    /** Visits indices 0..n-1; each chunk gets its own accumulator; results are merged in chunk order. */
    static <A> A reduce(int n, Supplier<A> newAccumulator, Step<A> step, BinaryOperator<A> merge) {
        int chunks = (n + CHUNK - 1) / CHUNK;
        if (chunks <= 1) {
            A acc = newAccumulator.get();
            for (int i = 0; i < n; i++) {
                step.accept(acc, i);
            }
            org.greenplan.Cancellation.checkCurrent();
            return acc;
        }
        // the caller's token, handed to the workers (they do not see the caller's thread-local): a stopped request
        // ends after the chunks already running
        org.greenplan.Cancellation token = org.greenplan.Cancellation.current();
        List<A> parts = IntStream.range(0, chunks).parallel().mapToObj(c -> {
            token.check();
            A acc = newAccumulator.get();
            for (int i = c * CHUNK, end = Math.min(n, i + CHUNK); i < end; i++) {
                step.accept(acc, i);
            }
            return acc;
        }).toList();
        A result = parts.get(0);
        for (int i = 1; i < parts.size(); i++) {
            result = merge.apply(result, parts.get(i));
        }
        return result;
    }

    /** Maps in order, in parallel, dropping nulls. */
    static <T, R> List<R> map(List<T> in, Function<T, R> f) {
        return reduce(in.size(), ArrayList<R>::new, (acc, i) -> {
            R r = f.apply(in.get(i));
            if (r != null) {
                acc.add(r);
            }
        }, (a, b) -> {
            a.addAll(b);
            return a;
        });
    }
}
