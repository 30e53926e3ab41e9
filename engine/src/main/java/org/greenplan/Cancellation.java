package org.greenplan;

/**
 * A computation's "stop" flag: set when the client that asked for it has gone (or its request timed out), read
 * by the engines' loops, which then end with {@link Cancelled}. Plain Java, so the engines stay free of the
 * server: the server binds a request's token to the thread that computes it ({@link #bind}), an engine reads it
 * once at its entry ({@link #current}) and hands that token to the worker threads of its parallel loops (a
 * thread-local is not seen there). Code run outside a request (CLI, benchmarks) gets {@link #NONE}.
 */
public final class Cancellation {

    /** Never cancelled: the token of work that nobody can abandon. */
    public static final Cancellation NONE = new Cancellation("none");

    private static final ThreadLocal<Cancellation> CURRENT = new ThreadLocal<>();

    private final String what;
    private volatile String reason;

    public Cancellation(String what) {
        this.what = what;
    }

    /** The token bound to this thread, or {@link #NONE}. */
    public static Cancellation current() {
        Cancellation c = CURRENT.get();
        return c == null ? NONE : c;
    }

    /** Throws {@link Cancelled} when the token bound to this thread is cancelled. */
    public static void checkCurrent() {
        current().check();
    }

    /** Binds this token to the calling thread until the returned scope is closed (the previous one is restored). */
    public Scope bind() {
        Cancellation previous = CURRENT.get();
        CURRENT.set(this);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /** Asks the computation to stop; the first reason is kept. */
    public void cancel(String why) {
        if (this != NONE && reason == null) {
            reason = why;
        }
    }

    /** What is computed (the request), for log lines. */
    public String what() {
        return what;
    }

    public boolean isCancelled() {
        return reason != null;
    }

    /** One volatile read: cheap enough for every parcel or every few thousand graph nodes. */
    public void check() {
        String r = reason;
        if (r != null) {
            throw new Cancelled(what, r);
        }
    }

    /** A bound token, unbound on close. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * The computation stopped because its token was cancelled. Answered 503 (the client that asked is usually
     * gone; a request that timed out may retry).
     */
    public static final class Cancelled extends FieldException {

        Cancelled(String what, String reason) {
            super(Category.BUSY, null, what + " stopped: " + reason);
        }
    }
}
