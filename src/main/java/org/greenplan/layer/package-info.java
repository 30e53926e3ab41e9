/**
 * Layers: what a layer kind is (its geometry, required attributes and style), and the PostGIS store of
 * layers, their immutable versions and their features. Every other capability reads features through
 * {@link org.greenplan.layer.FeatureRepository} and publishes versions through
 * {@link org.greenplan.layer.LayerRepository}.
 */
package org.greenplan.layer;
