package org.greenplan.audit;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The action name of a write route, from its method and mapping pattern. The workspace-scoped routes
 * ({@code /api/v1/workspaces/{ws}/layers}, {@code /w/{ws}/…}) and their unscoped aliases of the default workspace
 * ({@code /api/v1/layers}) are one route here: the prefix is taken off before the table is read. A route missing
 * from the table is named by its method and path ({@code post /layers/{}/publish}); AuditActionsTest fails on
 * any such route, so a new write endpoint gets a name here.
 */
public final class AuditActions {

    private static final Pattern PREFIX = Pattern.compile("^(?:/api/v1/workspaces/\\{ws}|/w/\\{ws}|/api/v1)");

    private static final Map<String, String> ACTIONS = Map.ofEntries(
            Map.entry("POST /workspaces", "workspace.create"),
            Map.entry("POST /workspaces/import", "workspace.import"),
            Map.entry("PATCH ", "workspace.update"),
            Map.entry("PUT ", "workspace.update"),
            Map.entry("DELETE ", "workspace.delete"),
            Map.entry("POST /layers", "layer.create"),
            Map.entry("POST /layers/{layerId}/versions", "layer.version.create"),
            Map.entry("POST /layers/{layerId}/publish", "layer.publish"),
            Map.entry("POST /layers/{layerId}/versions/{version}/publish", "layer.publish"),
            Map.entry("PATCH /layers/{layerId}", "layer.update"),
            Map.entry("DELETE /layers/{layerId}", "layer.delete"),
            Map.entry("DELETE /layers/{layerId}/versions/{version}", "layer.version.delete"),
            Map.entry("POST /imports", "import"),
            Map.entry("POST /imports/preview", "import.preview"),
            Map.entry("DELETE /imports/{jobId}", "import.cancel"),
            Map.entry("POST /keys", "key.create"),
            Map.entry("DELETE /keys/{keyId}", "key.revoke"),
            Map.entry("POST /scenarios", "scenario.create"),
            Map.entry("PATCH /scenarios/{sc}", "scenario.rename"),
            Map.entry("DELETE /scenarios/{sc}", "scenario.delete"),
            Map.entry("POST /scenarios/{sc}/undo", "scenario.undo"),
            Map.entry("POST /scenarios/{sc}/rebase", "scenario.rebase"),
            Map.entry("POST /scenarios/{sc}/adopt", "scenario.adopt"),
            Map.entry("POST /scenarios/{sc}/collections/{layerId}/items", "scenario.feature.create"),
            Map.entry("PUT /scenarios/{sc}/collections/{layerId}/items/{featureId}", "scenario.feature.replace"),
            Map.entry("PATCH /scenarios/{sc}/collections/{layerId}/items/{featureId}", "scenario.feature.update"),
            Map.entry("DELETE /scenarios/{sc}/collections/{layerId}/items/{featureId}", "scenario.feature.delete"),
            Map.entry("POST /siting", "siting.run"),
            Map.entry("DELETE /siting/{jobId}", "siting.cancel"));

    private AuditActions() {
    }

    /** The route as the table keys it: method and pattern without the workspace or API prefix. */
    static String route(String method, String pattern) {
        return method.toUpperCase(Locale.ROOT) + " " + PREFIX.matcher(pattern).replaceFirst("");
    }

    /** Whether the table names this route. */
    static boolean named(String method, String pattern) {
        return ACTIONS.containsKey(route(method, pattern));
    }

    public static String of(String method, String pattern) {
        String route = route(method, pattern);
        String action = ACTIONS.get(route);
        return action != null ? action : route.toLowerCase(Locale.ROOT).replaceAll("\\{[^}]*}", "{}");
    }
}
