-- Feature ids are reserved per import, one block of consecutive ids, instead of one nextval per row.
--
-- An import builds its version's table with one parallel CREATE TABLE AS (StagedFeatures), whose workers
-- hand rows over in no particular order. With a block reserved first, a feature's id is the block's start
-- plus its index in the file, whatever order the rows arrive in: ids keep following the file without
-- sorting a million rows, and without a million nextval calls.
--
-- setval after nextval is two steps, so the block is taken under an advisory lock held for just those two
-- steps (not for the import's transaction). The id column loses its default: every writer of `feature` must
-- take a block, or fail loudly on the NOT NULL, rather than draw ids that a block may already have given out.
CREATE FUNCTION reserve_feature_ids(n bigint) RETURNS bigint LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    first bigint;
BEGIN
    IF n < 1 THEN
        RAISE EXCEPTION 'a block of feature ids holds at least one id, not %', n;
    END IF;
    PERFORM pg_advisory_lock(hashtext('reserve_feature_ids'));
    BEGIN
        first := nextval('feature_id_seq');
        PERFORM setval('feature_id_seq', first + n - 1);
    EXCEPTION WHEN OTHERS THEN
        PERFORM pg_advisory_unlock(hashtext('reserve_feature_ids'));
        RAISE;
    END;
    PERFORM pg_advisory_unlock(hashtext('reserve_feature_ids'));
    RETURN first;
END $$;

ALTER TABLE feature ALTER COLUMN id DROP DEFAULT;
