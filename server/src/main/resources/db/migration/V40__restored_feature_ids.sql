-- A restored workspace archive keeps its features' ids (WorkspaceArchive, issue 16): the id sequence then moves
-- past the largest of them, so that no later block of ids (reserve_feature_ids) hands one out again. Forward
-- only: like reserve_feature_ids it runs as the owner, and the runtime role still cannot rewind the ids.
-- `>=`: a sequence never used has last_value 1 and is_called false, and 1 may be a restored id.
CREATE FUNCTION keep_feature_ids(largest bigint) RETURNS void LANGUAGE plpgsql VOLATILE SECURITY DEFINER AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('reserve_feature_ids'));
    IF largest >= (SELECT last_value FROM feature_id_seq) THEN
        PERFORM setval('feature_id_seq', largest);
    END IF;
END $$;

DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION keep_feature_ids(bigint) SET search_path = pg_catalog, %I, pg_temp', current_schema());
END $$;

REVOKE EXECUTE ON FUNCTION keep_feature_ids(bigint) FROM PUBLIC;
