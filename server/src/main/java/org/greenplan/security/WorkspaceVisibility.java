package org.greenplan.security;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.greenplan.workspace.Workspace;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Whether a workspace is private, asked on every request in a workspace: remembered for {@link #TTL_NANOS}
 * (1 s) so that a tile or a page of features costs no query, and a workspace made private is refused to
 * strangers within a second on every server. An unknown workspace is not remembered (it is not private: its
 * endpoint answers 404) so that one created a moment later is seen at once.
 */
@Component
class WorkspaceVisibility {

    static final long TTL_NANOS = 1_000_000_000L;

    private record Seen(boolean isPrivate, long at) {
    }

    private final JdbcTemplate jdbc;
    private final ConcurrentHashMap<String, Seen> seen = new ConcurrentHashMap<>();

    WorkspaceVisibility(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    boolean isPrivate(String workspaceId) {
        if (workspaceId == null || !Workspace.ID.matcher(workspaceId).matches()) {
            return false; // malformed: the endpoint answers 400, and no such workspace exists
        }
        long now = System.nanoTime();
        Seen s = seen.get(workspaceId);
        if (s != null && now - s.at() < TTL_NANOS) {
            return s.isPrivate();
        }
        List<String> v = jdbc.queryForList("SELECT visibility FROM workspace WHERE id = ?", String.class, workspaceId);
        if (v.isEmpty()) {
            seen.remove(workspaceId);
            return false;
        }
        boolean isPrivate = "private".equals(v.get(0));
        seen.put(workspaceId, new Seen(isPrivate, now));
        return isPrivate;
    }
}
