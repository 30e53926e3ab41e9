package org.greenplan.security;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.greenplan.workspace.Workspace;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The caller of a verified JWT: subject {@code jwt:<sub>}, roles from the configured claim (default
 * {@code greenplan_roles}), in either form an identity provider can emit:
 * <ul>
 * <li>an object of workspace id → role: {@code {"demo": "analyst", "shenzhen": "reader"}};</li>
 * <li>a list of {@code "workspace:role"} strings: {@code ["demo:analyst", "shenzhen:reader"]} (what a group
 * or client-role mapper gives).</li>
 * </ul>
 * The workspace {@code *} stands for every workspace (a global role). An entry naming an unknown role or a
 * malformed workspace id is ignored: a token grants what it clearly says, never more.
 */
final class JwtCallers {

    static final String EVERY_WORKSPACE = "*";

    private JwtCallers() {
    }

    static Caller caller(Jwt jwt, String claim) {
        Map<String, Role> roles = new HashMap<>();
        Object value = jwt.getClaims().get(claim);
        if (value instanceof Map<?, ?> map) {
            map.forEach((ws, role) -> put(roles, String.valueOf(ws), String.valueOf(role)));
        } else if (value instanceof Collection<?> list) {
            for (Object entry : list) {
                String s = String.valueOf(entry);
                int colon = s.lastIndexOf(':');
                if (colon > 0) {
                    put(roles, s.substring(0, colon), s.substring(colon + 1));
                }
            }
        }
        Role global = roles.remove(EVERY_WORKSPACE);
        return new Caller("jwt:" + jwt.getSubject(), global, roles);
    }

    private static void put(Map<String, Role> roles, String workspace, String role) {
        Optional<Role> r = role(role);
        if (r.isPresent() && (EVERY_WORKSPACE.equals(workspace) || Workspace.ID.matcher(workspace).matches())) {
            roles.merge(workspace, r.get(), (a, b) -> a.covers(b) ? a : b);
        }
    }

    private static Optional<Role> role(String word) {
        try {
            return Optional.of(Role.valueOf(word.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}
