-- Least privilege (issue 12): the owner (who runs these migrations) owns every schema, table and function; the
-- server's runtime role reads and writes rows but owns nothing it could drop or truncate. What the server did
-- as the owner at runtime (build, attach and index a version's table, drop it with its version, reserve
-- feature ids) goes through the SECURITY DEFINER functions below. Each takes a version id or a count, a
-- bigint, never SQL text, and runs with a fixed search_path (this schema, pg_temp last), so nothing the caller
-- names or creates can steer it. Which role gets which grant is configuration: the afterMigrate callback grants
-- them on every start (see there why).

-- The search_path of the functions below: where they and the tables live (the schema Flyway runs in), with
-- pg_catalog first and pg_temp last so that neither the caller's temporary objects nor a look-alike in another
-- schema is found instead.
CREATE FUNCTION pg_temp.fix_search_path(fn regprocedure) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('ALTER FUNCTION %s SET search_path = pg_catalog, %I, pg_temp', fn, current_schema());
END $$;

-- Feature ids: nextval + setval on feature_id_seq run as the owner, so the runtime role needs no right on the
-- sequence (setval would let it rewind the ids).
ALTER FUNCTION reserve_feature_ids(bigint) SECURITY DEFINER;
SELECT pg_temp.fix_search_path('reserve_feature_ids(bigint)');

-- Deleting a version (directly or with its layer) drops its table, which only the owner of the table may.
ALTER FUNCTION drop_feature_partition() SECURITY DEFINER;
SELECT pg_temp.fix_search_path('drop_feature_partition()');

-- Publishes the table the runtime role has just built for a version (StagedFeatures: CREATE TABLE features.v<id>
-- AS …, one statement so that it runs in parallel workers): the owner takes it over, drops the helper columns,
-- sets feature's NOT NULLs and the version CHECK (proved in one scan), attaches it as the version's partition
-- (which needs owning `feature`) and analyses it. Taking the table over (ALTER … OWNER, which needs the owner to
-- be a member of the runtime role; the scripts grant that) is only done for a bare table built by the caller:
-- anything attached to it (a trigger, index, rule, policy, default, extended statistics, a grant …) could later
-- run the caller's code as the owner, so such a table is refused. Same checks whatever calls it.
CREATE FUNCTION attach_feature_version(v bigint) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    t regclass := to_regclass(format('features.v%s', v));
    c pg_class;
    col record;
BEGIN
    IF t IS NULL OR NOT EXISTS (SELECT 1 FROM layer_version WHERE id = v) THEN
        RAISE EXCEPTION 'no table features.v% of an existing version to attach', v;
    END IF;
    -- nobody changes the table between the checks and taking it over
    EXECUTE format('LOCK TABLE %s IN ACCESS EXCLUSIVE MODE', t);
    SELECT * INTO c FROM pg_class WHERE oid = t;
    IF c.relkind <> 'r' OR c.relpersistence <> 'p' OR c.relispartition OR c.relhassubclass OR c.relrowsecurity
       OR c.relowner <> (SELECT oid FROM pg_roles WHERE rolname = session_user)
       OR c.relacl IS NOT NULL
       OR EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = t AND attacl IS NOT NULL)
       OR EXISTS (SELECT 1 FROM pg_inherits WHERE inhrelid = t OR inhparent = t)
       -- what depends on a table: its row type and TOAST table, or else indexes, constraints, triggers, rules,
       -- policies, defaults, statistics, owned sequences, publications
       OR EXISTS (SELECT 1 FROM pg_depend d
                   WHERE d.refclassid = 'pg_class'::regclass AND d.refobjid = t
                     AND NOT (d.classid = 'pg_type'::regclass AND d.objid = c.reltype)
                     AND NOT (d.classid = 'pg_class'::regclass AND d.objid = c.reltoastrelid))
    THEN
        RAISE EXCEPTION 'features.v% is not a bare table of the caller''s own: refused', v;
    END IF;
    -- the columns feature has must be there with its types (the CHECK below compares version_id as bigint);
    -- any other column is a helper of the build and goes
    IF (SELECT count(*) FROM pg_attribute p JOIN pg_attribute a ON a.attname = p.attname
         WHERE p.attrelid = 'feature'::regclass AND p.attnum > 0 AND NOT p.attisdropped
           AND a.attrelid = t AND a.attnum > 0 AND NOT a.attisdropped
           AND a.atttypid = p.atttypid AND a.atttypmod = p.atttypmod AND a.attcollation = p.attcollation)
       <> (SELECT count(*) FROM pg_attribute WHERE attrelid = 'feature'::regclass AND attnum > 0
                                               AND NOT attisdropped) THEN
        RAISE EXCEPTION 'features.v% does not have the columns of feature', v;
    END IF;
    EXECUTE format('ALTER TABLE %s OWNER TO %I', t, current_user);
    FOR col IN SELECT a.attname FROM pg_attribute a
                WHERE a.attrelid = t AND a.attnum > 0 AND NOT a.attisdropped
                  AND NOT EXISTS (SELECT 1 FROM pg_attribute p WHERE p.attrelid = 'feature'::regclass
                                     AND p.attname = a.attname AND NOT p.attisdropped) LOOP
        EXECUTE format('ALTER TABLE %s DROP COLUMN %I', t, col.attname);
    END LOOP;
    EXECUTE format('ALTER TABLE %s ALTER COLUMN id SET NOT NULL, ALTER COLUMN version_id SET NOT NULL,'
                   ' ALTER COLUMN properties SET NOT NULL, ALTER COLUMN geom SET NOT NULL,'
                   ' ADD CHECK (version_id = %s)', t, v);
    EXECUTE format('ALTER TABLE feature ATTACH PARTITION %s FOR VALUES IN (%s)', t, v);
    EXECUTE format('ANALYZE %s', t);
END $$;
SELECT pg_temp.fix_search_path('attach_feature_version(bigint)');

-- The search box's trigram index of a version's table (NameSearchIndexes). CREATE INDEX CONCURRENTLY cannot
-- run in a function; a plain build blocks only writes to the table, and a published version's table is never
-- written again. An invalid index left by an interrupted concurrent build of an older release is rebuilt.
-- Returns false when the version's table is gone (deleted meanwhile).
CREATE FUNCTION index_feature_names(v bigint) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    t regclass := to_regclass(format('features.v%s', v));
BEGIN
    IF t IS NULL OR NOT EXISTS (SELECT 1 FROM pg_inherits WHERE inhrelid = t AND inhparent = 'feature'::regclass)
    THEN
        RETURN false;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_index x WHERE x.indexrelid = to_regclass(format('features.v%s_name_trgm', v))
                                        AND NOT x.indisvalid) THEN
        EXECUTE format('DROP INDEX features.v%s_name_trgm', v);
    END IF;
    EXECUTE format('CREATE INDEX IF NOT EXISTS v%s_name_trgm ON %s USING gin ((properties->>''name'') gin_trgm_ops)',
                   v, t);
    RETURN true;
END $$;
SELECT pg_temp.fix_search_path('index_feature_names(bigint)');

-- PostgreSQL lets everyone execute a new function; these are for the runtime role alone (afterMigrate grants
-- it), not for the import role a hijacked GDAL process logs in as. The same for functions of later migrations.
REVOKE EXECUTE ON FUNCTION reserve_feature_ids(bigint), attach_feature_version(bigint),
    index_feature_names(bigint), drop_feature_partition() FROM PUBLIC;
ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;

-- Nobody but the owner creates objects in this schema (PostgreSQL 15 made that the default for new databases;
-- older ones let everyone). The functions above search it. A no-op with a warning where the owner is not the
-- schema's owner; the DBA then does it.
DO $$
BEGIN
    EXECUTE format('REVOKE CREATE ON SCHEMA %I FROM PUBLIC', current_schema());
END $$;

-- Scratch tables that an older release's import left behind belong to the owner, and the runtime role can no
-- longer drop them at start-up (ImportJobs); their jobs are failed at start-up anyway.
DO $$
DECLARE
    t text;
BEGIN
    FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'staging' AND tablename ~ '^imp_[0-9a-f]{32}$'
                                                AND tableowner = current_user LOOP
        EXECUTE format('DROP TABLE staging.%I', t);
    END LOOP;
END $$;
