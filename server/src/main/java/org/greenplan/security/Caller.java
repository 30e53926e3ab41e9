package org.greenplan.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Optional;
import org.greenplan.workspace.Workspace;

/**
 * Who made a request: a subject (a key's id or fingerprint, a JWT's subject), a role over every workspace (null
 * when none) and roles in single workspaces. Recorded as the author of layer versions and in the audit log.
 *
 * @param subject        stable, non-secret name of the caller
 * @param globalRole     the role held in every workspace, or null
 * @param workspaceRoles the role held per workspace id (may be empty)
 */
public record Caller(String subject, Role globalRole, Map<String, Role> workspaceRoles) {

    public static final String REQUEST_ATTRIBUTE = Caller.class.getName();

    public Caller {
        workspaceRoles = Map.copyOf(workspaceRoles);
    }

    /** A caller with one role everywhere (the bootstrap admin key, the configured tokens). */
    public static Caller global(String subject, Role role) {
        return new Caller(subject, role, Map.of());
    }

    /** The caller of a request that passed authentication, if it named one. */
    public static Optional<Caller> of(HttpServletRequest request) {
        return request.getAttribute(REQUEST_ATTRIBUTE) instanceof Caller c ? Optional.of(c) : Optional.empty();
    }

    /** The strongest role this caller holds in a workspace: its global role or the workspace's own. */
    public Optional<Role> roleIn(String workspaceId) {
        Role own = workspaceRoles.get(workspaceId);
        if (globalRole == null) {
            return Optional.ofNullable(own);
        }
        return Optional.of(own != null && own.covers(globalRole) ? own : globalRole);
    }

    public boolean holds(Role required, String workspaceId) {
        return roleIn(workspaceId).map(r -> r.covers(required)).orElse(false);
    }

    /** A public workspace is read by anyone; a private one by whoever holds a role in it. */
    public static boolean mayRead(Optional<Caller> caller, Workspace workspace) {
        return workspace.isPublic() || caller.flatMap(c -> c.roleIn(workspace.id())).isPresent();
    }

    /** The author line of a version or an audit row: the strongest role held, and the subject. */
    public String describe() {
        Role shown = globalRole != null ? globalRole
                : workspaceRoles.values().stream().max(Enum::compareTo).orElse(Role.READER);
        return shown.name().toLowerCase() + ":" + subject;
    }
}
