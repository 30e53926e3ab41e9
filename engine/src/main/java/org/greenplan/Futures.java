package org.greenplan;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waiting on a shared computation (single flight) and getting its own exception back, not a wrapper. */
public final class Futures {

    private Futures() {
    }

    /**
     * The result of {@code future}; a RuntimeException or Error it failed with is rethrown as it is, so the
     * caller's error handling (problem categories, HTTP statuses) sees the exception the computation threw.
     */
    public static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
