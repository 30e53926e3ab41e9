/**
 * The append-only audit log: one row per write request that passed authorization (who, which workspace, what
 * action on which target, with what outcome, under which request id), written when its response is complete,
 * by one interceptor from a table of routes ({@link org.greenplan.audit.AuditActions}), so controllers know
 * nothing of it. Refused requests are not rows: they go to the log file.
 */
package org.greenplan.audit;
