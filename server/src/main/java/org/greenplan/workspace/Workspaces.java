package org.greenplan.workspace;

import java.util.List;
import org.greenplan.Refusal.Category;
import org.greenplan.layer.LayerRepository;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, changes, finds and deletes workspaces. Deleting one deletes its layers, their versions and their
 * feature tables in one transaction (Flyway V25's cascades).
 */
@Service
public class Workspaces {

    /** The CGCS2000 3° Gauss-Krüger zones with an EPSG code (zones 25 to 45, 75°E to 135°E). */
    static final int FIRST_GK_EPSG = 4534;
    static final int LAST_GK_EPSG = 4554;

    private final WorkspaceRepository repository;
    private final LayerRepository layers;
    private final ApplicationEventPublisher events;

    public Workspaces(WorkspaceRepository repository, LayerRepository layers, ApplicationEventPublisher events) {
        this.repository = repository;
        this.layers = layers;
        this.events = events;
    }

    public List<Workspace> all() {
        return repository.findAllByOrderByIdAsc();
    }

    /**
     * The workspace, or a 404 problem naming it: read from the database, to be changed. A request that only reads
     * its workspace takes it from {@link WorkspaceCache}.
     */
    public Workspace require(String id) {
        if (id == null || !Workspace.ID.matcher(id).matches()) {
            throw new WorkspaceNotFoundException(String.valueOf(id));
        }
        return repository.findById(id).orElseThrow(() -> new WorkspaceNotFoundException(id));
    }

    @Transactional(MetadataPersistence.TRANSACTIONS)
    public Workspace create(WorkspaceChange c) {
        Workspace w = checkedNew(c);
        try {
            Workspace saved = repository.saveAndFlush(w);
            events.publishEvent(new WorkspaceChanged(saved.id(), false));
            return saved;
        } catch (DataIntegrityViolationException e) {
            // created by another request between the check and the insert
            throw new WorkspaceRequestException(Category.CONFLICT, "id", "a workspace with id '" + w.id()
                    + "' already exists");
        }
    }

    /**
     * A new workspace as {@code c} describes it, every member checked (problems name the field; a taken id is a
     * conflict), not yet saved: a restored archive inserts it in the same transaction as its layers.
     */
    public Workspace checkedNew(WorkspaceChange c) {
        String id = c.id() == null ? null : c.id().trim();
        if (id == null || !Workspace.ID.matcher(id).matches()) {
            throw WorkspaceRequestException.invalid("id", "id must be 1-63 characters of a-z, 0-9 and '-', starting "
                    + "with a letter or digit");
        }
        if (repository.existsById(id)) {
            throw WorkspaceRequestException.taken(id);
        }
        if (c.name() == null) {
            throw WorkspaceRequestException.invalid("name", "name is required");
        }
        Workspace w = new Workspace(id, name(c.name()), description(c.description()),
                c.visibility() == null ? Visibility.PUBLIC : visibility(c.visibility()));
        if (c.measuringSrid() != null) {
            w.measureIn(srid(c.measuringSrid()));
        }
        return w;
    }

    /** A workspace inserted by other means (a restored archive, by JDBC in its transaction): heard after the commit. */
    public void inserted(String id) {
        events.publishEvent(new WorkspaceChanged(id, false));
    }

    @Transactional(MetadataPersistence.TRANSACTIONS)
    public Workspace change(String id, WorkspaceChange c) {
        Workspace w = require(id);
        if (c.id() != null && !c.id().equals(id)) {
            throw WorkspaceRequestException.invalid("id", "a workspace's id cannot be changed");
        }
        if (c.name() != null) {
            w.rename(name(c.name()));
        }
        if (c.description() != null) {
            w.describe(description(c.description()));
        }
        if (c.visibility() != null) {
            w.show(visibility(c.visibility()));
        }
        if (c.measuringSrid() != null) {
            w.measureIn(c.measuringSrid() == 0 ? null : srid(c.measuringSrid()));
        }
        w.touched(java.time.Instant.now());
        Workspace saved = repository.saveAndFlush(w);
        events.publishEvent(new WorkspaceChanged(id, false));
        return saved;
    }

    /** Deletes the workspace with everything in it; the default workspace stays (the legacy paths serve it). */
    public void delete(String id) {
        require(id);
        if (id.equals(Workspace.DEFAULT_ID)) {
            throw new WorkspaceRequestException(Category.CONFLICT, "ws", "the default workspace '" + id
                    + "' serves the unscoped paths and cannot be deleted; delete its layers instead");
        }
        boolean deleted = layers.deleteWorkspace(id);
        // published also when another request deleted it first: nothing may go on serving it
        events.publishEvent(new WorkspaceChanged(id, true));
        if (!deleted) {
            throw new WorkspaceNotFoundException(id);
        }
    }

    private static String name(String name) {
        String n = name.trim();
        if (n.isEmpty() || n.length() > 200) {
            throw WorkspaceRequestException.invalid("name", "name must be 1 to 200 characters");
        }
        return n;
    }

    private static String description(String d) {
        if (d != null && d.length() > 2000) {
            throw WorkspaceRequestException.invalid("description", "description must be at most 2000 characters");
        }
        return d == null || d.isBlank() ? null : d;
    }

    private static Visibility visibility(String v) {
        return switch (v.trim()) {
            case "public" -> Visibility.PUBLIC;
            case "private" -> Visibility.PRIVATE;
            default -> throw WorkspaceRequestException.invalid("visibility", "visibility is 'public' or 'private', not '"
                    + v + "'");
        };
    }

    private static int srid(int srid) {
        if (srid < FIRST_GK_EPSG || srid > LAST_GK_EPSG) {
            throw WorkspaceRequestException.invalid("measuringSrid", "measuringSrid is a CGCS2000 3-degree Gauss-Kruger "
                    + "zone, EPSG " + FIRST_GK_EPSG + " to " + LAST_GK_EPSG + " (or 0 to measure in the zone of the "
                    + "data's centre), not " + srid);
        }
        return srid;
    }
}
