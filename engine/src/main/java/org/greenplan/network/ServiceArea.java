package org.greenplan.network;

import org.locationtech.jts.geom.Geometry;

/**
 * One isochrone: the area within {@code distance} metres of walking from the origins.
 *
 * @param distance     the walking distance in metres (minutes × speed when asked in minutes)
 * @param area         the service area in lon/lat (Polygon or MultiPolygon; empty when no origin is
 *                     reachable)
 * @param areaM2       its area in square metres, measured in the zone before unprojecting
 * @param reachedEdges edges reached wholly or partly
 */
public record ServiceArea(double distance, Geometry area, double areaM2, int reachedEdges) {
}
