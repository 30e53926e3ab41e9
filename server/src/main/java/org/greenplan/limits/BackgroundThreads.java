package org.greenplan.limits;

/**
 * Threads for work that takes seconds to minutes — indicator and isochrone computations, imports, siting runs,
 * tile overviews, search indexes — run at the lowest Java priority, so that a map stays responsive while they
 * run: with {@code -XX:ThreadPriorityPolicy=1} (run.sh, the Dockerfile and the load test start the server so)
 * HotSpot on Linux turns it into nice +4, and the scheduler then gives a tile or item request about 2.4 times the
 * CPU share of a computation beside it instead of an equal one. The fork-join workers an engine starts, and the
 * GDAL processes an import starts, inherit the nice value of the thread that starts them. Without the flag Linux
 * ignores Java priorities: harmless. Lowering needs no privilege; raising would, so nothing here raises.
 */
public final class BackgroundThreads {

    /** The priority of every background thread. */
    public static final int PRIORITY = Thread.MIN_PRIORITY;

    private BackgroundThreads() {
    }

    /** A daemon thread at the background priority. */
    public static Thread daemon(Runnable work, String name) {
        Thread t = new Thread(work, name);
        t.setDaemon(true);
        t.setPriority(PRIORITY);
        return t;
    }
}
