/**
 * The walking network inside the server (Spring side of {@link org.greenplan.network}): which road,
 * facility, park and residential layers a request uses, the in-memory graph cache, isochrones for the map
 * and network-mode coverage for the indicator API.
 *
 * <ul>
 * <li>{@link org.greenplan.network.service.NetworkService} resolves road layers (every road layer at its
 * current version, combined, unless the request names layers), keeps one
 * {@link org.greenplan.network.WalkGraph} per sorted set of (road layer, version) in a bounded LRU
 * {@link org.greenplan.network.WalkGraphCache} ({@code greenplan.network.cache-size}, default 4) and draws
 * isochrones with the facilities they reach.</li>
 * <li>{@link org.greenplan.network.service.NetworkCoverage} is what the indicator API calls for
 * {@code mode=network}: life-circle and park service-radius coverage along the network.</li>
 * </ul>
 *
 * <p>Features come from PostGIS through {@link org.greenplan.layer.LayerFeatures}; the engines stay plain.
 */
package org.greenplan.network.service;
