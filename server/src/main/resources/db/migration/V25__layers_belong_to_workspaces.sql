-- Layers belong to a workspace (issue 14): a layer id is unique within its workspace, not on the server, and
-- deleting a workspace deletes its layers, their versions (whose delete trigger, V20/V23, drops each version's
-- feature table) and their overviews in the same statement, so in one transaction. Version ids stay global
-- (a bigserial): the feature tables features.v<version id>, the overview tables and the SECURITY DEFINER
-- functions of V23 are keyed by them and need no change.
-- The server names the workspace in every write; a row written without one (a script of before workspaces)
-- lands in the default workspace, as the existing rows do.
ALTER TABLE layer ADD COLUMN workspace_id text NOT NULL DEFAULT 'demo' REFERENCES workspace (id) ON DELETE CASCADE;

ALTER TABLE layer_version ADD COLUMN workspace_id text;
UPDATE layer_version v SET workspace_id = l.workspace_id FROM layer l WHERE l.id = v.layer_id;
ALTER TABLE layer_version ALTER COLUMN workspace_id SET NOT NULL;
ALTER TABLE layer_version ALTER COLUMN workspace_id SET DEFAULT 'demo';

ALTER TABLE layer_version DROP CONSTRAINT layer_version_layer_id_fkey;
ALTER TABLE layer_version DROP CONSTRAINT layer_version_layer_id_version_key;
ALTER TABLE layer DROP CONSTRAINT layer_pkey;
ALTER TABLE layer ADD PRIMARY KEY (workspace_id, id);
ALTER TABLE layer_version ADD CONSTRAINT layer_version_layer_fk FOREIGN KEY (workspace_id, layer_id)
    REFERENCES layer (workspace_id, id) ON DELETE CASCADE;
ALTER TABLE layer_version ADD CONSTRAINT layer_version_layer_version_key UNIQUE (workspace_id, layer_id, version);

-- An import job runs in one workspace; deleting the workspace forgets its jobs (a running one then fails).
ALTER TABLE import_job ADD COLUMN workspace_id text NOT NULL DEFAULT 'demo' REFERENCES workspace (id) ON DELETE CASCADE;

-- The workspace's extent for every existing layer (kept up to date by the server from now on).
UPDATE workspace w
   SET extent = (SELECT ST_MakeEnvelope(min(v.min_x), min(v.min_y), max(v.max_x), max(v.max_y), 4326)
                   FROM layer l JOIN layer_version v ON v.id = l.current_version_id
                  WHERE l.workspace_id = w.id AND v.min_x IS NOT NULL);
