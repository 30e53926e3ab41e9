package org.greenplan.network;

import java.util.Arrays;

/** A double list without boxing, for building the graph's primitive arrays. */
final class GrowableDoubles {
    private double[] a;
    private int size;

    GrowableDoubles(int capacity) {
        a = new double[Math.max(capacity, 8)];
    }

    void add(double v) {
        if (size == a.length) {
            a = Arrays.copyOf(a, a.length * 2);
        }
        a[size++] = v;
    }

    double get(int i) {
        return a[i];
    }

    int size() {
        return size;
    }

    void truncate(int newSize) {
        size = newSize;
    }

    double[] toArray() {
        return Arrays.copyOf(a, size);
    }
}
