package org.greenplan.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.greenplan.security.Endpoints.Endpoint;
import org.greenplan.workspace.Workspace;

/**
 * Which workspace a request acts in, which decides the role it needs and where it is audited:
 * <ul>
 * <li>the {@code ws} URI variable of its endpoint ({@code /api/v1/workspaces/{ws}/…}, {@code /w/{ws}/…});</li>
 * <li>with no endpoint, the same place in the path, so that a private workspace's paths are refused before
 * anything says whether they exist;</li>
 * <li>{@link #GLOBAL} on {@code /api/v1/workspaces} itself and {@code /api/v1/keys…}: roles over every workspace;</li>
 * <li>the default workspace {@code demo} on the older unscoped paths ({@code /api/v1/layers}, {@code /collections} …);</li>
 * <li>{@link #NONE} for what no endpoint answers (static files, 404s).</li>
 * </ul>
 *
 * @param workspace the workspace id (as sent; may be malformed, which the controller answers with 400), or null
 * @param global    whether the request acts on every workspace (global roles only)
 */
public record RequestScope(String workspace, boolean global) {

    public static final RequestScope GLOBAL = new RequestScope(null, true);
    public static final RequestScope NONE = new RequestScope(null, false);

    static final String ATTRIBUTE = RequestScope.class.getName();
    private static final String WS = "ws";
    private static final Pattern SCOPED = Pattern.compile("^/(?:w|api/v1/workspaces)/([^/]+)(?:/.*)?$");
    private static final Pattern GLOBAL_PATHS = Pattern.compile("^/api/v1/(?:workspaces|keys)(?:/.*)?$");

    /** The scope found for this request by the security filters; NONE before them or when unscoped. */
    public static RequestScope of(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof RequestScope s ? s : NONE;
    }

    static RequestScope resolve(HttpServletRequest request, Optional<Endpoint> endpoint) {
        String ws = endpoint.map(e -> e.variables().get(WS)).orElse(null);
        String path = request.getRequestURI().substring(request.getContextPath().length());
        // an endpoint without {ws} under /api/v1/workspaces (e.g. POST …/workspaces/import) names no workspace
        if (ws == null && endpoint.isEmpty()) {
            Matcher m = SCOPED.matcher(path);
            if (m.matches()) {
                ws = m.group(1);
            }
        }
        if (ws != null) {
            return new RequestScope(ws, false);
        }
        if (GLOBAL_PATHS.matcher(path).matches()) {
            return GLOBAL;
        }
        return endpoint.isPresent() ? new RequestScope(Workspace.DEFAULT_ID, false) : NONE;
    }

    /** A workspace id from a path, checked: 400 naming {@code ws} for characters outside [a-z0-9-]. */
    public static String checkedId(String ws) {
        if (!Workspace.ID.matcher(ws).matches()) {
            throw new org.greenplan.api.BadRequestException("ws",
                    "a workspace id is 1-63 characters of a-z, 0-9 and '-', starting with a letter or digit");
        }
        return ws;
    }

    /** How a refusal names the scope: "workspace 'demo'" or "every workspace (a global role)". */
    String describe() {
        return global ? "every workspace (a global role)" : "workspace '" + workspace + "'";
    }
}
