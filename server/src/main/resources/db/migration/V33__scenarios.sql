-- Scenarios (方案, issue 17): a plan sketched on a workspace's layers without publishing anything. A scenario pins
-- the layer versions current when it was made (scenario_base) and holds feature-level edits on top of them
-- (scenario_edit): one row per feature it adds, replaces or deletes, so reading a layer in the scenario is
-- "pinned version minus the edited keys, plus the rows not deleted". Nothing here is read by the plain
-- collections, tiles or indicators: a scenario is invisible until it is adopted (published as new versions).
CREATE TABLE scenario (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id text NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description  text,
    -- bumped by every edit, undo and rebase: indicator results on a scenario are cached under it
    revision     bigint NOT NULL DEFAULT 0,
    created_by   text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    adopted_at   timestamptz
);
CREATE INDEX scenario_workspace ON scenario (workspace_id, id);

-- The layer version each layer of the workspace had when the scenario branched (or was last rebased). A layer
-- created later is read at its current version; a version deleted under a scenario takes its pin with it.
CREATE TABLE scenario_base (
    scenario_id bigint NOT NULL REFERENCES scenario (id) ON DELETE CASCADE,
    layer_id    text NOT NULL,
    version_id  bigint NOT NULL REFERENCES layer_version (id) ON DELETE CASCADE,
    PRIMARY KEY (scenario_id, layer_id)
);

-- feature_key is the feature's identity as the engines see it: the baseline feature's source id, else its
-- stored id as text; a feature the scenario adds gets 'sc<scenario>-<n>'. base_feature_id is the baseline row an
-- edit replaces or deletes (null for an added feature); base_hash digests that row as it was, so a rebase can
-- tell whether the other side changed it too.
CREATE TABLE scenario_edit (
    scenario_id     bigint NOT NULL REFERENCES scenario (id) ON DELETE CASCADE,
    layer_id        text NOT NULL,
    feature_key     text NOT NULL,
    base_feature_id bigint,
    base_hash       text,
    deleted         boolean NOT NULL DEFAULT false,
    properties      jsonb,
    geom            geometry(Geometry, 4326),
    revision        bigint NOT NULL,
    PRIMARY KEY (scenario_id, layer_id, feature_key),
    CHECK (deleted OR (properties IS NOT NULL AND geom IS NOT NULL))
);

-- The state of an edited row before each edit (null columns and existed=false: there was no edit row), newest
-- last: undo pops one entry and puts it back.
CREATE TABLE scenario_undo (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    scenario_id     bigint NOT NULL REFERENCES scenario (id) ON DELETE CASCADE,
    layer_id        text NOT NULL,
    feature_key     text NOT NULL,
    existed         boolean NOT NULL,
    base_feature_id bigint,
    base_hash       text,
    deleted         boolean,
    properties      jsonb,
    geom            geometry(Geometry, 4326)
);
CREATE INDEX scenario_undo_scenario ON scenario_undo (scenario_id, id DESC);

-- Added features are numbered per scenario.
ALTER TABLE scenario ADD COLUMN next_feature bigint NOT NULL DEFAULT 1;
