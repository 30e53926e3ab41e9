-- A workspace (工作空间: a city, a county, a town or a study) owns layers, their versions, a scope and a measuring
-- CRS (issue 14). This migration makes the table and the `demo` workspace the existing data moves into; the
-- layers are tied to their workspace by the next migration.
CREATE TABLE workspace (
    id             text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description    text CHECK (length(description) <= 2000),
    -- public: anyone reads it; private: reading needs a role in it. Writing always needs a role.
    visibility     text NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'private')),
    -- the extent of its layers (WGS 84), kept up to date as layers are published and deleted; null when empty
    extent         geometry(Polygon, 4326),
    -- the Gauss-Krüger zone (CGCS2000, EPSG:4534–4554) areas and lengths are measured in; null = from the extent
    measuring_srid integer CHECK (measuring_srid BETWEEN 1024 AND 998999),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);

INSERT INTO workspace (id, name, description)
VALUES ('demo', '示范镇', 'The generated demo town and every layer loaded before workspaces existed');
