/**
 * Coordinates and geometry encoding shared by every capability: the CGCS2000 Gauss-Krüger zone in which
 * areas and distances are measured, and the GeoJSON codec. Plain Java (JTS, proj4j, Jackson), no Spring,
 * so the engines, the CLI and the server all use the same code.
 */
package org.greenplan.geo;
