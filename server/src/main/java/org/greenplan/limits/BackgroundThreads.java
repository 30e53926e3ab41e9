package org.greenplan.limits;

/**
 * Threads for work nobody waits on at the map — imports, siting runs, tile overviews, search indexes, the report
 * warm-up — run at the lowest Java priority: with {@code -XX:ThreadPriorityPolicy=1} (run.sh, the Dockerfile and
 * the load test start the server so) HotSpot on Linux turns it into nice +4, so the scheduler gives the requests of
 * people at the map (tiles, items, cards, isochrones) about 2.4 times such a thread's CPU share instead of an equal
 * one. The fork-join workers such a thread starts, and the GDAL processes an import starts, inherit its nice value.
 * The engines' request pool is not lowered: a new card or an isochrone is someone waiting (see
 * {@link CancelOnDisconnect}). Without the flag Linux ignores Java priorities: harmless. Lowering needs no
 * privilege; raising would, so nothing here raises.
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
