package org.greenplan.workspace;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.regex.Pattern;
import org.locationtech.jts.geom.Polygon;

/**
 * A workspace's metadata (table {@code workspace}, migration V24). The extent is a JTS polygon in WGS 84, mapped
 * by hibernate-spatial; it is derived from the workspace's layers, never set by a client.
 */
@Entity
@Table(name = "workspace")
public class Workspace {

    /** Lower-case letters, digits and hyphens, starting with a letter or digit: safe in URLs, paths and logs. */
    public static final Pattern ID = Pattern.compile("^[a-z0-9][a-z0-9-]{0,62}$");

    /** The workspace existing data moved into, and the one the root OGC collections serve. */
    public static final String DEFAULT_ID = "demo";

    @Id
    private String id;

    @Column(nullable = false)
    private String name;

    private String description;

    @Column(nullable = false)
    private Visibility visibility = Visibility.PUBLIC;

    @Column(columnDefinition = "geometry(Polygon,4326)")
    private Polygon extent;

    @Column(name = "measuring_srid")
    private Integer measuringSrid;

    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false, insertable = false)
    private Instant updatedAt;

    /** A copy shared between requests ({@link WorkspaceCache}): its setters throw, so no request changes another's. */
    @Transient
    private boolean frozen;

    protected Workspace() {
        // for JPA
    }

    public Workspace(String id, String name, String description, Visibility visibility) {
        this.id = id;
        this.name = name;
        this.description = description;
        this.visibility = visibility;
    }

    /** A copy of this row that cannot be changed, for {@link WorkspaceCache}; never given to JPA to save. */
    Workspace frozenCopy() {
        Workspace copy = new Workspace(id, name, description, visibility);
        copy.extent = extent == null ? null : (Polygon) extent.copy();
        copy.measuringSrid = measuringSrid;
        copy.createdAt = createdAt;
        copy.updatedAt = updatedAt;
        copy.frozen = true;
        return copy;
    }

    private void writable() {
        if (frozen) {
            throw new IllegalStateException("workspace '" + id + "' is a shared read-only copy; change it through "
                    + "Workspaces");
        }
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public Visibility visibility() {
        return visibility;
    }

    public boolean isPublic() {
        return visibility == Visibility.PUBLIC;
    }

    public Polygon extent() {
        return extent;
    }

    public Integer measuringSrid() {
        return measuringSrid;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public void rename(String newName) {
        writable();
        this.name = newName;
    }

    public void describe(String newDescription) {
        writable();
        this.description = newDescription;
    }

    public void show(Visibility newVisibility) {
        writable();
        this.visibility = newVisibility;
    }

    public void measureIn(Integer srid) {
        writable();
        this.measuringSrid = srid;
    }

    public void cover(Polygon newExtent) {
        writable();
        this.extent = newExtent;
    }

    public void touched(Instant when) {
        writable();
        this.updatedAt = when;
    }
}
