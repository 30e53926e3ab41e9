package org.greenplan.scenario;

import java.time.OffsetDateTime;

/**
 * A scenario's row: its workspace, name, who made it, and its revision (bumped by every edit, undo and rebase).
 * Adopted scenarios are kept (read-only) so their history stays readable.
 */
public record Scenario(long id, String workspace, String name, String description, long revision, String createdBy,
        OffsetDateTime createdAt, OffsetDateTime updatedAt, OffsetDateTime adoptedAt) {

    /** The part of indicator cache keys and ETags that changes with every edit. */
    public String key() {
        return id + "@" + revision;
    }
}
