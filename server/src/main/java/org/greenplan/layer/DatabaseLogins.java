package org.greenplan.layer;

import static org.greenplan.SettingChecks.require;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Name;

/**
 * {@code greenplan.db.*}: the logins of the ogr2ogr processes, {@code import} (loads an upload into schema
 * staging) and {@code reader} (reads a version for an export). The runtime and owner roles are Spring's own
 * {@code spring.datasource} and {@code spring.flyway} settings.
 */
@ConfigurationProperties("greenplan.db")
public record DatabaseLogins(@Name("import") Login importer, Login reader) {

    /** A role name and its password (blank: none sent). */
    public record Login(String user, String password) {
        public Login {
            password = password == null ? "" : password;
        }
    }

    public DatabaseLogins {
        require(importer != null && importer.user() != null && !importer.user().isBlank(), "greenplan.db.import.user",
                importer == null ? null : importer.user(), "must name a database role");
        require(reader != null && reader.user() != null && !reader.user().isBlank(), "greenplan.db.reader.user",
                reader == null ? null : reader.user(), "must name a database role");
    }
}
