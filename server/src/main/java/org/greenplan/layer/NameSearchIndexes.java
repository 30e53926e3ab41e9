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
 * reading the version's table in full, until the index is there. Indexing a table needs its owner, so the
 * owner's function index_feature_names (Flyway V23) builds it: not CONCURRENTLY, which no function can, but a
 * plain build only blocks writes to the table, and a published version's table is never written again: readers
 * and other imports carry on; deleting that version waits for the build. An invalid index that an interrupted
 * concurrent build of an older release left is rebuilt.
 */
@Component
public class NameSearchIndexes {

    private static final Logger LOG = LoggerFactory.getLogger(NameSearchIndexes.class);

    /** Version tables (their names in {@link FeaturePartitions#SCHEMA}) without a valid trigram index, oldest first. */
    private static final String MISSING = """
            SELECT c.relname
              FROM pg_inherits i
              JOIN pg_class c ON c.oid = i.inhrelid
              LEFT JOIN pg_class xc ON xc.relname = c.relname || '_name_trgm' AND xc.relnamespace = c.relnamespace
              LEFT JOIN pg_index x ON x.indexrelid = xc.oid
             WHERE i.inhparent = 'feature'::regclass AND (xc.oid IS NULL OR NOT x.indisvalid)
             ORDER BY c.oid""";

    private final JdbcTemplate jdbc;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> org.greenplan.limits.BackgroundThreads.daemon(r, "name-search-indexes"));
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
        for (String table : jdbc.queryForList(MISSING, String.class)) {
            if (!table.matches("v[0-9]+")) {
                continue; // only the tables FeaturePartitions makes
            }
            try {
                if (Boolean.TRUE.equals(jdbc.queryForObject("SELECT index_feature_names(?)", Boolean.class,
                        Long.parseLong(table.substring(1))))) {
                    built++;
                }
            } catch (RuntimeException e) {
                // the next pass retries whatever is still missing
                LOG.info("name search index of {}.{} not built: {}", FeaturePartitions.SCHEMA, table, e.getMessage());
            }
        }
        return built;
    }
}
