package org.greenplan.bench;

import java.util.Arrays;

/** Latency samples in nanoseconds, reported in milliseconds. */
final class Percentiles {

    private final long[] samples;
    private int n;

    Percentiles(int capacity) {
        samples = new long[capacity];
    }

    void add(long nanos) {
        samples[n++] = nanos;
    }

    double ms(double quantile) {
        long[] sorted = Arrays.copyOf(samples, n);
        Arrays.sort(sorted);
        int i = (int) Math.min(n - 1, Math.max(0, Math.ceil(quantile * n) - 1));
        return sorted[i] / 1e6;
    }
}
