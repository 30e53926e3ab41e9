/**
 * Map tiles of the planning layers: Mapbox vector tiles made by PostGIS (ST_AsMVT) for QGIS, MapLibre and
 * dashboards, and 256 px PNG tiles drawn here from those vector tiles with the layer kind's style, for Leaflet
 * without plugins. Both come from one query on the layer version's GiST index and share one bounded cache keyed by
 * the version, so a new version of a layer never serves its predecessor's tiles; a {@code LayerChanged} event
 * (publish, delete) drops a layer's tiles and the remembered current version right after the commit. z 12
 * tiles are drawn from a generalised overview of the version ({@code TileOverviews}), built in the background.
 */
package org.greenplan.tiles;
