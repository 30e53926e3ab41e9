/**
 * Command-line tools that run the engines straight on files, without the server or the database:
 * {@code java -jar greenplan.jar indicators --residential a.shp --parks b.gpkg …} (or the
 * {@code greenplan-indicators} wrapper at the repository root). Files are read through GDAL's ogr2ogr.
 */
package org.greenplan.cli;
