package org.greenplan.audit;

import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.repository.Repository;

/** Appends and reads audit rows; deliberately no delete or update method (the database refuses them too). */
public interface AuditEventRepository extends Repository<AuditEvent, Long> {

    AuditEvent save(AuditEvent event);

    /** Newest first. */
    List<AuditEvent> findByWorkspaceIdOrderByAtDescIdDesc(String workspaceId, Limit limit);
}
