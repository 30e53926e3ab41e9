package org.greenplan.security;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An API key's row (table {@code api_key}, migration V26): a public id, a hash of its secret (never the secret),
 * one role in one workspace or everywhere ({@link #workspaceId()} null), an optional expiry and, once revoked, when.
 */
@Entity
@Table(name = "api_key")
public class ApiKey {

    @Id
    private String id;

    @Column(name = "secret_hash", nullable = false)
    private String secretHash;

    @Column(nullable = false)
    private String name;

    @Column(name = "workspace_id")
    private String workspaceId;

    @Column(nullable = false)
    @Convert(converter = RoleConverter.class)
    private Role role;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected ApiKey() {
        // for JPA
    }

    ApiKey(String id, String secretHash, String name, String workspaceId, Role role, String createdBy,
            Instant createdAt, Instant expiresAt) {
        this.id = id;
        this.secretHash = secretHash;
        this.name = name;
        this.workspaceId = workspaceId;
        this.role = role;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    public String id() {
        return id;
    }

    String secretHash() {
        return secretHash;
    }

    public String name() {
        return name;
    }

    /** The workspace the role holds in; null for a global key. */
    public String workspaceId() {
        return workspaceId;
    }

    public Role role() {
        return role;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant revokedAt() {
        return revokedAt;
    }

    /** Usable at {@code now}: not revoked and not expired. */
    public boolean validAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }

    void revoke(Instant when) {
        if (revokedAt == null) {
            revokedAt = when;
        }
    }

    /** The caller this key makes: its subject is {@code key:<id>}, which the audit log and versions record. */
    Caller caller() {
        return workspaceId == null ? Caller.global("key:" + id, role)
                : new Caller("key:" + id, null, java.util.Map.of(workspaceId, role));
    }
}
