package org.greenplan.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/**
 * One row of the audit log (table {@code audit_event}, migration V26). Immutable: Hibernate never writes an
 * UPDATE for it, and the database refuses UPDATE and DELETE anyway.
 */
@Entity
@Immutable
@Table(name = "audit_event")
public class AuditEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private Instant at;

    @Column(nullable = false)
    private String who;

    @Column(name = "workspace_id")
    private String workspaceId;

    @Column(nullable = false)
    private String action;

    private String target;

    @Column(nullable = false)
    private String method;

    @Column(nullable = false)
    private String path;

    @Column(nullable = false)
    private int status;

    @Column(nullable = false)
    private String outcome;

    @Column(name = "request_id", nullable = false)
    private String requestId;

    protected AuditEvent() {
        // for JPA
    }

    AuditEvent(Instant at, String who, String workspaceId, String action, String target, String method, String path,
            int status, String requestId) {
        this.at = at;
        this.who = who;
        this.workspaceId = workspaceId;
        this.action = action;
        this.target = target;
        this.method = method;
        this.path = path;
        this.status = status;
        this.outcome = status < 400 ? "success" : "failure";
        this.requestId = requestId;
    }

    public Long id() {
        return id;
    }

    public Instant at() {
        return at;
    }

    public String who() {
        return who;
    }

    public String workspaceId() {
        return workspaceId;
    }

    public String action() {
        return action;
    }

    public String target() {
        return target;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public int status() {
        return status;
    }

    public String outcome() {
        return outcome;
    }

    public String requestId() {
        return requestId;
    }
}
