package org.greenplan.layer;

import java.time.OffsetDateTime;
import org.locationtech.jts.geom.Envelope;

/**
 * One immutable version of a layer.
 *
 * @param id           surrogate key the features point to
 * @param version      1, 2, 3… within the layer
 * @param extent       lon/lat bounding box; a null envelope when the version has no features
 * @param repaired     features whose invalid geometry was repaired on the way in
 */
public record LayerVersion(long id, String layerId, int version, long featureCount, long repaired, Envelope extent,
        String geometryType, String source, String createdBy, OffsetDateTime createdAt) {
}
