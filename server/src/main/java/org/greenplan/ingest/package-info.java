/**
 * Ingest: turning an analyst's upload into a new layer version. Every path ends in
 * {@link org.greenplan.layer.LayerPublisher}, which stages, validates, repairs and publishes in one
 * transaction, so an upload either lands whole or changes nothing.
 */
package org.greenplan.ingest;
