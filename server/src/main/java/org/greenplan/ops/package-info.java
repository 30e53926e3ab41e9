/**
 * Operating the server (issue 16): {@code /actuator/health} with GDAL beside the database and the disk
 * ({@link org.greenplan.ops.GdalHealth}), the server's own figures for {@code /actuator/prometheus}
 * ({@link org.greenplan.ops.OperationsMetrics}: bulkhead queues, cache hit ratios, cancellations), and one
 * structured log line per request ({@link org.greenplan.ops.RequestLog}). Who may read the actuator is decided
 * in {@code security/AccessRules} (localhost, or the admin role).
 */
package org.greenplan.ops;
