package org.greenplan.ingest;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/** SQL for the import_job table. Reports and errors are JSON documents. */
@Repository
public class ImportJobRepository {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final TransactionTemplate ownTransaction;

    public ImportJobRepository(JdbcTemplate jdbc, ObjectMapper json, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.json = json;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public record Job(UUID id, String state, int percent, String stage, String createdBy, String layerId,
            String fileName, String request, String report, String error, String createdAt, String startedAt,
            String finishedAt) {
    }

    public void insert(UUID id, String workspace, String createdBy, String layerId, String fileName,
            Map<String, Object> request) {
        jdbc.update("""
                INSERT INTO import_job (id, workspace_id, state, percent, stage, created_by, layer_id, file_name, request)
                VALUES (?, ?, 'queued', 5, 'stored', ?, ?, ?, ?::jsonb)
                """, id, workspace, createdBy, layerId, fileName, json.writeValueAsString(request));
    }

    public void started(UUID id) {
        jdbc.update("UPDATE import_job SET state = 'running', started_at = now() WHERE id = ?", id);
    }

    /** Committed at once, also when called inside the publishing transaction, so that pollers see it. */
    public void progress(UUID id, int percent, String stage) {
        ownTransaction.executeWithoutResult(status -> jdbc.update(
                "UPDATE import_job SET percent = greatest(percent, ?), stage = ? WHERE id = ? AND state = 'running'",
                percent, stage, id));
    }

    public void succeeded(UUID id, String layerId, Map<String, Object> report) {
        jdbc.update("""
                UPDATE import_job SET state = 'succeeded', percent = 100, stage = 'done', layer_id = ?,
                       report = ?::jsonb, finished_at = now() WHERE id = ?
                """, layerId, json.writeValueAsString(report), id);
    }

    public void failed(UUID id, Map<String, Object> error, Map<String, Object> report) {
        jdbc.update("""
                UPDATE import_job SET state = 'failed', stage = 'failed', error = ?::jsonb, report = ?::jsonb,
                       finished_at = now() WHERE id = ?
                """, json.writeValueAsString(error), report == null ? null : json.writeValueAsString(report), id);
    }

    /** Marks every job that was queued or running as failed (start-up: the server died under them). */
    public List<UUID> failUnfinished(String reason) {
        return jdbc.queryForList("""
                UPDATE import_job SET state = 'failed', stage = 'failed', finished_at = now(),
                       error = jsonb_build_object('reason', ?::text)
                 WHERE state IN ('queued', 'running') RETURNING id
                """, UUID.class, reason);
    }

    /** The job, if it ran in this workspace (a job id of another workspace is not found here). */
    public Optional<Job> find(String workspace, UUID id) {
        return jdbc.query("""
                SELECT id, state, percent, stage, created_by, layer_id, file_name, request::text, report::text,
                       error::text, created_at::text, started_at::text, finished_at::text
                  FROM import_job WHERE id = ? AND workspace_id = ?""", (rs, i) -> new Job(rs.getObject(1, UUID.class), rs.getString(2),
                rs.getInt(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13)), id, workspace)
                .stream().findFirst();
    }

    /** Scratch tables ogr2ogr left in the staging schema. */
    public List<String> scratchTables() {
        return jdbc.queryForList("""
                SELECT tablename FROM pg_tables WHERE schemaname = 'staging' AND tablename LIKE 'imp\\_%'""",
                String.class);
    }
}
