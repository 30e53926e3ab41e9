package org.greenplan.geo;

import org.locationtech.jts.geom.Geometry;
import tools.jackson.databind.node.ObjectNode;

/**
 * One feature of a FeatureCollection, in file order.
 *
 * @param index      zero-based position in the collection, used in error reports
 * @param id         the feature's "id" member as text, or null
 * @param geometry   the geometry, or null when the feature has none
 * @param properties the "properties" object (never null; empty when absent)
 */
public record GeoJsonFeature(long index, String id, Geometry geometry, ObjectNode properties) {
}
