package org.greenplan.network;

import java.util.Arrays;

/** An int list without boxing, for building the graph's primitive arrays. */
final class GrowableInts {
    private int[] a;
    private int size;

    GrowableInts(int capacity) {
        a = new int[Math.max(capacity, 8)];
    }

    void add(int v) {
        if (size == a.length) {
            a = Arrays.copyOf(a, a.length * 2);
        }
        a[size++] = v;
    }

    int get(int i) {
        return a[i];
    }

    int size() {
        return size;
    }

    int[] toArray() {
        return Arrays.copyOf(a, size);
    }
}
