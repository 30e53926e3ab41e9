-- Identity and audit (issue 14): API keys kept hashed, and the append-only audit log of every write.

-- An API key is presented as gpk_<id>_<secret>. The id is public (it names the key in lists, the audit log and
-- the DELETE that revokes it) and finds the row by its primary key, so one presented key costs one hash check;
-- only a hash of the secret is kept (Spring Security's DelegatingPasswordEncoder: "{bcrypt}$2a$…"). One role,
-- in one workspace, or everywhere (workspace_id null: only a global admin makes those). Keys go with their
-- workspace; the audit rows about them stay.
CREATE TABLE api_key (
    id           text PRIMARY KEY CHECK (id ~ '^[a-z0-9]{12}$'),
    secret_hash  text NOT NULL,
    name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    workspace_id text REFERENCES workspace (id) ON DELETE CASCADE,
    role         text NOT NULL CHECK (role IN ('reader', 'analyst', 'editor', 'admin')),
    created_by   text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX api_key_workspace ON api_key (workspace_id);

-- One row per write request that passed authorization, written when its response is complete. Append-only:
-- the runtime role may INSERT and SELECT only (afterMigrate.sql grants no more on this table), and the
-- triggers below refuse UPDATE, DELETE and TRUNCATE to every role, the owner too, so that a one-role
-- installation keeps the same guarantee. workspace_id has no foreign key: rows outlive their workspace.
CREATE TABLE audit_event (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at           timestamptz NOT NULL DEFAULT clock_timestamp(),
    who          text NOT NULL,
    workspace_id text,
    action       text NOT NULL,
    target       text,
    method       text NOT NULL,
    path         text NOT NULL,
    status       integer NOT NULL,
    outcome      text NOT NULL CHECK (outcome IN ('success', 'failure')),
    request_id   text NOT NULL
);
CREATE INDEX audit_event_workspace_at ON audit_event (workspace_id, at DESC, id DESC);

CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();
REVOKE ALL ON audit_event FROM PUBLIC;
