-- Background imports of analysts' files (issue 3): one row per job, with its report or error.
-- ogr2ogr loads each job's file into a scratch table in the staging schema (named imp_<job id>), which
-- the job drops when it ends and start-up drops when a job died with the server.
CREATE SCHEMA IF NOT EXISTS staging;

CREATE TABLE import_job (
    id          uuid PRIMARY KEY,
    state       text NOT NULL CHECK (state IN ('queued', 'running', 'succeeded', 'failed')),
    percent     integer NOT NULL DEFAULT 0 CHECK (percent BETWEEN 0 AND 100),
    stage       text,
    created_by  text,
    layer_id    text,
    file_name   text,
    request     jsonb NOT NULL DEFAULT '{}'::jsonb,
    report      jsonb,
    error       jsonb,
    created_at  timestamptz NOT NULL DEFAULT now(),
    started_at  timestamptz,
    finished_at timestamptz
);

CREATE INDEX import_job_active ON import_job (state) WHERE state IN ('queued', 'running');
