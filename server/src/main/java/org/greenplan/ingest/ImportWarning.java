package org.greenplan.ingest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A warning of an import preview or report: a stable {@code code} the page translates (web/i18n,
 * {@code wizard.warning.<code>} with the {@code params} filled in), and the English {@code text} for API
 * users and logs. Codes are part of the API: rename one only with the message files.
 */
public record ImportWarning(String code, String text, Map<String, Object> params) {

    /** A warning with params given as name, value, name, value … (kept in that order). */
    static ImportWarning of(String code, String text, Object... params) {
        Map<String, Object> p = new LinkedHashMap<>();
        for (int i = 0; i + 1 < params.length; i += 2) {
            p.put((String) params[i], params[i + 1]);
        }
        return new ImportWarning(code, text, p);
    }
}
