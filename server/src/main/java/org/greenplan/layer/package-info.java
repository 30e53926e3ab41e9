/**
 * Layers: the PostGIS store of layers, their immutable versions and their features (what a layer kind
 * is lives in {@link org.greenplan.kind}). Every other capability reads features through
 * {@link org.greenplan.layer.FeatureRepository} and publishes versions through
 * {@link org.greenplan.layer.LayerRepository}.
 */
package org.greenplan.layer;
