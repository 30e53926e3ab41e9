package org.greenplan.layer;

import java.util.HashSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Says at start-up when the database roles do not separate what they should (docs/ARCHITECTURE.md, "Database
 * roles"): the owner runs the migrations, the runtime role the server's queries, the import role the ogr2ogr
 * that loads an upload, the reader role the ogr2ogr of an export. With one role for all (a single
 * GREENPLAN_DB_USER) everything works as before, but a hijacked GDAL process could change any table.
 */
@Component
public class DatabaseRoles {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseRoles.class);

    private final String owner;
    private final String runtime;
    private final String importer;
    private final String reader;

    public DatabaseRoles(@Value("${spring.flyway.user:${spring.datasource.username}}") String owner,
            @Value("${spring.datasource.username}") String runtime,
            DatabaseLogins logins) {
        this.owner = owner;
        this.runtime = runtime;
        this.importer = logins.importer().user();
        this.reader = logins.reader().user();
    }

    /** Owner, runtime, import and reader are four different roles. */
    public boolean leastPrivilege() {
        return new HashSet<>(List.of(owner, runtime, importer, reader)).size() == 4;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warnWhenShared() {
        if (!leastPrivilege()) {
            LOG.warn("Least privilege in PostgreSQL is not in force: owner {}, runtime {}, import {}, reader {} are not "
                    + "four roles (set GREENPLAN_DB_OWNER_USER, GREENPLAN_DB_USER, GREENPLAN_DB_IMPORT_USER, "
                    + "GREENPLAN_DB_READER_USER; see README)", owner, runtime, importer, reader);
        }
    }
}
