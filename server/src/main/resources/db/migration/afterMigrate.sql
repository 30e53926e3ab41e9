-- Grants of the roles the server uses besides the owner (issue 12, least privilege), run by Flyway as the owner
-- after every migrate, i.e. at every start. Why here and not once in a migration with ALTER DEFAULT PRIVILEGES:
-- the role names are configuration (placeholders from application.yml), and a migration runs once, so a
-- database first started with one role (or with other names) would never get them; and this pass covers every
-- table, sequence and function the owner has, whichever migration made it, so a later migration cannot forget
-- one. Only what is missing is granted (nothing is rewritten on a normal start).
--
--   runtime (${app_role}): rows of the tables (SELECT/INSERT/UPDATE/DELETE; of the append-only audit_event only
--       SELECT/INSERT), the sequences (nextval), the
--       functions; CREATE in schema features for the table of a version it builds (attach_feature_version makes
--       the owner its owner); member of the import role, so it reads, alters and drops the scratch tables.
--   import (${import_role}): USAGE and CREATE on schema staging, nothing else: the ogr2ogr that loads an upload.
--   reader (${reader_role}): SELECT on feature: the ogr2ogr that exports a version.
-- With a role equal to the owner (one role for everything) there is nothing to grant.
DO $$
DECLARE
    owner     text := current_user;
    app       text := '${app_role}';
    importer  text := '${import_role}';
    reader    text := '${reader_role}';
    here      text := current_schema();
    r         record;
BEGIN
    IF app <> owner THEN
        FOR r IN SELECT c.oid::regclass AS t FROM pg_class c
                  WHERE c.relnamespace = here::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
                    AND c.relowner = owner::regrole AND c.relname NOT IN ('${flyway:table}', 'audit_event') LOOP
            IF NOT (has_table_privilege(app, r.t, 'SELECT') AND has_table_privilege(app, r.t, 'INSERT')
                    AND has_table_privilege(app, r.t, 'UPDATE') AND has_table_privilege(app, r.t, 'DELETE')) THEN
                EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO %I', r.t, app);
            END IF;
        END LOOP;
        -- The audit log is append-only (V26): the runtime role writes rows and reads them, and may neither change
        -- nor remove one. Hence not in the loop above, and any UPDATE/DELETE/TRUNCATE granted by hand is taken back.
        IF to_regclass('audit_event') IS NOT NULL THEN
            EXECUTE format('GRANT SELECT, INSERT ON audit_event TO %I', app);
            EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM %I', app);
        END IF;
        FOR r IN SELECT c.oid::regclass AS s FROM pg_class c
                  WHERE c.relnamespace = here::regnamespace AND c.relkind = 'S' AND c.relowner = owner::regrole LOOP
            IF NOT has_sequence_privilege(app, r.s, 'USAGE') THEN
                EXECUTE format('GRANT USAGE, SELECT ON SEQUENCE %s TO %I', r.s, app);
            END IF;
        END LOOP;
        FOR r IN SELECT p.oid::regprocedure AS f FROM pg_proc p
                  WHERE p.pronamespace IN (here::regnamespace, 'staging'::regnamespace)
                    AND p.proowner = owner::regrole AND p.prokind = 'f' LOOP
            IF NOT has_function_privilege(app, r.f, 'EXECUTE') THEN
                EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO %I', r.f, app);
            END IF;
        END LOOP;
        IF NOT (has_schema_privilege(app, 'features', 'USAGE') AND has_schema_privilege(app, 'features', 'CREATE')) THEN
            EXECUTE format('GRANT USAGE, CREATE ON SCHEMA features TO %I', app);
        END IF;
        IF NOT has_schema_privilege(app, here, 'USAGE') THEN
            EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', here, app);
        END IF;
        -- memberships need a role administrator (scripts/provision.sh, or the DBA, see the README)
        IF NOT pg_has_role(owner, app, 'USAGE') THEN
            RAISE EXCEPTION 'the owner role % must be a member of the runtime role % (it takes over the tables of new versions): GRANT % TO %',
                owner, app, app, owner;
        END IF;
        IF pg_has_role(app, owner, 'MEMBER') THEN
            RAISE EXCEPTION 'the runtime role % must not be a member of the owner role %', app, owner;
        END IF;
    END IF;
    IF importer <> owner THEN
        IF NOT (has_schema_privilege(importer, 'staging', 'USAGE')
                AND has_schema_privilege(importer, 'staging', 'CREATE')) THEN
            EXECUTE format('GRANT USAGE, CREATE ON SCHEMA staging TO %I', importer);
        END IF;
        IF NOT pg_has_role(app, importer, 'USAGE') THEN
            RAISE EXCEPTION 'the runtime role % must be a member of the import role % (it reads and drops the scratch tables): GRANT % TO %',
                app, importer, importer, app;
        END IF;
        IF pg_has_role(importer, owner, 'MEMBER') OR (importer <> app AND pg_has_role(importer, app, 'MEMBER')) THEN
            RAISE EXCEPTION 'the import role % must not be a member of the owner or runtime role', importer;
        END IF;
    END IF;
    IF reader <> owner AND NOT has_table_privilege(reader, 'feature', 'SELECT') THEN
        EXECUTE format('GRANT SELECT ON feature TO %I', reader);
    END IF;
END $$;
