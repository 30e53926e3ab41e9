package org.greenplan.workspace;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.greenplan.layer.LayerChanged;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The workspaces as every request reads them (the scope of a handler, whether a workspace is private): a map of id to
 * a frozen copy of the row, so that a cached tile costs no transaction and no query. Loading the row through
 * Hibernate on every request was a quarter of a cached tile's time (docs/BENCHMARKS.md, tiles).
 *
 * <p>Every write of a workspace row publishes {@link WorkspaceChanged} (the extent: {@link LayerChanged}); this
 * server forgets the workspace after the write's commit, before the writer answers, so the next request reads the
 * row again. A read that began before the commit does not put what it read back ({@link #generation}). Another
 * server on the same database hears nothing of it: a remembered row is read again after {@link #TTL_NANOS} (1 s,
 * the same promise as before the cache: a workspace made private is refused to strangers within a second on every
 * server). One server per database is what runs today. An unknown id is not remembered: a workspace created a moment
 * later is seen at once, and ids that do not exist cannot fill the map.
 */
@Component
public class WorkspaceCache {

    static final long TTL_NANOS = 1_000_000_000L;

    private record Remembered(Workspace workspace, long at) {
    }

    private final WorkspaceRepository repository;
    private final ConcurrentHashMap<String, Remembered> remembered = new ConcurrentHashMap<>();
    /** Bumped by every forget: a row read before it is not remembered after it. */
    private final AtomicLong generation = new AtomicLong();

    public WorkspaceCache(WorkspaceRepository repository) {
        this.repository = repository;
    }

    /** The workspace as last committed (frozen: its setters throw), or empty for none such or a malformed id. */
    public Optional<Workspace> find(String id) {
        if (id == null || !Workspace.ID.matcher(id).matches()) {
            return Optional.empty();
        }
        long now = System.nanoTime();
        Remembered r = remembered.get(id);
        if (r != null && now - r.at() < TTL_NANOS) {
            return Optional.of(r.workspace());
        }
        long before = generation.get();
        Optional<Workspace> row = repository.findById(id).map(Workspace::frozenCopy);
        if (row.isEmpty()) {
            remembered.remove(id);
        } else if (generation.get() == before) {
            remembered.put(id, new Remembered(row.get(), now));
        }
        return row;
    }

    /** The workspace, or a 404 problem naming it. */
    public Workspace require(String id) {
        return find(id).orElseThrow(() -> new WorkspaceNotFoundException(String.valueOf(id)));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void workspaceChanged(WorkspaceChanged change) {
        forget(change.workspace());
    }

    /** A layer was published or deleted: the workspace's extent and updated_at changed with it. */
    @TransactionalEventListener(fallbackExecution = true)
    void layerChanged(LayerChanged change) {
        forget(change.workspace());
    }

    private void forget(String id) {
        generation.incrementAndGet();
        remembered.remove(id);
    }
}
