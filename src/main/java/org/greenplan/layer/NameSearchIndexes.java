package org.greenplan.layer;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The search box's trigram index on feature names, one per version table, built in the background once the
 * version is published (and at start-up for any version still without one). Building it inside the import
 * would hold the import for as long as the rest of the publishing together; the search works without it,
 * reading the version's table in full, until the index is there. CREATE INDEX CONCURRENTLY lets readers and
 * other imports carry on meanwhile; an interrupted build leaves an invalid index, which is dropped and rebuilt.
 */
@Component
public class NameSearchIndexes {

    private static final Logger LOG = LoggerFactory.getLogger(NameSearchIndexes.class);

    /** A version table (its name in {@link FeaturePartitions#SCHEMA}) without a valid trigram index. */
    private record Missing(String table, boolean invalid) {
    }

    /** Version tables without a valid trigram index, oldest first. */
    private static final String MISSING = """
            SELECT c.relname, x.indexrelid IS NOT NULL AS invalid
              FROM pg_inherits i
              JOIN pg_class c ON c.oid = i.inhrelid
              LEFT JOIN pg_class xc ON xc.relname = c.relname || '_name_trgm' AND xc.relnamespace = c.relnamespace
              LEFT JOIN pg_index x ON x.indexrelid = xc.oid
             WHERE i.inhparent = 'feature'::regclass AND (xc.oid IS NULL OR NOT x.indisvalid)
             ORDER BY c.oid""";

    private final JdbcTemplate jdbc;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "name-search-indexes");
        t.setDaemon(true);
        return t;
    });
    /** A pass is queued: further requests until it starts are covered by it. */
    private final AtomicBoolean queued = new AtomicBoolean();

    public NameSearchIndexes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener(ApplicationReadyEvent.class)
    void started() {
        request();
    }

    @TransactionalEventListener(fallbackExecution = true)
    void layerChanged(LayerChanged change) {
        request();
    }

    private void request() {
        if (queued.compareAndSet(false, true)) {
            worker.execute(() -> {
                queued.set(false);
                buildMissing();
            });
        }
    }

    /** Builds every missing index now; returns how many were built. Also used by tests and benches to wait. */
    public synchronized int buildMissing() {
        int built = 0;
        List<Missing> missing = jdbc.query(MISSING, (rs, i) -> new Missing(rs.getString(1), rs.getBoolean(2)));
        for (Missing m : missing) {
            String table = m.table();
            if (!table.matches("v[0-9]+")) {
                continue; // only the tables FeaturePartitions makes
            }
            String schema = FeaturePartitions.SCHEMA;
            try {
                if (m.invalid()) {
                    jdbc.execute("DROP INDEX CONCURRENTLY IF EXISTS " + schema + "." + table + "_name_trgm");
                }
                jdbc.execute("CREATE INDEX CONCURRENTLY IF NOT EXISTS " + table + "_name_trgm ON " + schema + "."
                        + table + " USING gin ((properties->>'name') gin_trgm_ops)");
                built++;
            } catch (RuntimeException e) {
                // e.g. the version was deleted meanwhile; the next pass retries whatever is still missing
                LOG.info("name search index of {}.{} not built: {}", schema, table, e.getMessage());
            }
        }
        return built;
    }
}
