-- The database roles of docker-compose.yml (docs/ARCHITECTURE.md, "Database roles"), run once by the postgis
-- image when its volume is new, as its superuser, in database greenplan. The same roles as scripts/provision.sh:
-- greenplan owns the schemas and runs the migrations (not a superuser: its SECURITY DEFINER functions run as
-- it), greenplan_app is the server's runtime role, greenplan_import the ogr2ogr that loads an upload,
-- greenplan_reader the ogr2ogr of an export. The migrations grant the rest. For a volume made by an older
-- compose file: docker compose exec db psql -U greenplan -d greenplan -f /docker-entrypoint-initdb.d/20-greenplan-roles.sql
-- (and keep GREENPLAN_DB_OWNER_USER as that volume's user).
DO $$
DECLARE
    r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['greenplan', 'greenplan_app', 'greenplan_import', 'greenplan_reader'] LOOP
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = r) THEN
            EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', r, r);
        END IF;
    END LOOP;
    IF NOT pg_has_role('greenplan_app', 'greenplan_import', 'MEMBER') THEN
        GRANT greenplan_import TO greenplan_app;
    END IF;
    IF NOT pg_has_role('greenplan', 'greenplan_app', 'MEMBER') THEN
        GRANT greenplan_app TO greenplan;
    END IF;
END $$;
ALTER DATABASE greenplan OWNER TO greenplan;
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE EXTENSION IF NOT EXISTS btree_gist;
