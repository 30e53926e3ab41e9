package org.greenplan.workspace;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** Workspace metadata through Spring Data JPA: few rows, read often, written rarely. */
public interface WorkspaceRepository extends JpaRepository<Workspace, String> {

    List<Workspace> findAllByOrderByIdAsc();
}
