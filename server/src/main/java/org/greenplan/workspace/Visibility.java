package org.greenplan.workspace;

/** Who may read a workspace: anyone (public), or only callers with a role in it (private). Writing always needs a role. */
public enum Visibility {
    PUBLIC, PRIVATE;

    /** The form in the database and the API: lower case. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Visibility of(String code) {
        return valueOf(code.toUpperCase(java.util.Locale.ROOT));
    }
}
