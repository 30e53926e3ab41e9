package org.greenplan.security;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** API keys through Spring Data JPA. */
public interface ApiKeyRepository extends JpaRepository<ApiKey, String> {

    List<ApiKey> findByWorkspaceIdOrderByCreatedAtAscIdAsc(String workspaceId);

    List<ApiKey> findByWorkspaceIdIsNullOrderByCreatedAtAscIdAsc();
}
