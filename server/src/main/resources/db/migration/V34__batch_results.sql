-- Province runs (issue 19): the batch job (batch/, Spark + Sedona) writes one run, its units and one row per
-- unit, indicator and distance mode here, so the server can show every unit ranked against the targets. A run
-- is written in one transaction by the job's driver and marked finished last: the server reads only finished
-- runs, so a job that dies half-way leaves nothing it would show. workspace_id names the workspace whose layers
-- were read (null when the inputs were files); no foreign key, the job may write before the workspace exists
-- in this database (results of a file run are still results).
CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE batch_run (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id text,
    -- the inputs: layer versions (PostGIS input) or sha256 of each file, "layer:version-or-hash, …"
    inputs       text NOT NULL,
    units_kind   text NOT NULL,
    target_set   text,
    target_year  integer,
    started_at   timestamptz NOT NULL,
    finished_at  timestamptz
);
CREATE INDEX batch_run_latest ON batch_run (workspace_id, finished_at DESC);

CREATE TABLE batch_unit (
    run_id  bigint NOT NULL REFERENCES batch_run (id) ON DELETE CASCADE,
    code    text NOT NULL,
    name    text NOT NULL,
    -- town, county, city: the admin area's level attribute when it has one
    level   text,
    geom    geometry(Geometry, 4326) NOT NULL,
    PRIMARY KEY (run_id, code)
);

CREATE TABLE batch_result (
    run_id             bigint NOT NULL,
    unit_code          text NOT NULL,
    indicator          text NOT NULL,
    -- euclidean / network for indicators with a distance mode, '' for the others
    mode               text NOT NULL,
    value              double precision,
    numerator          double precision,
    denominator        double precision,
    measure            text,
    -- why there is no value, or what was repaired (an invalid boundary)
    reason             text,
    target_set         text,
    target_year        integer,
    target_comparator  text,
    target_value       double precision,
    status             text CHECK (status IN ('met', 'gap', 'no_data')),
    distance_to_target double precision,
    computed_at        timestamptz NOT NULL,
    PRIMARY KEY (run_id, unit_code, indicator, mode),
    FOREIGN KEY (run_id, unit_code) REFERENCES batch_unit (run_id, code) ON DELETE CASCADE
);
