package org.greenplan.ingest;

import java.nio.file.Path;
import java.util.List;

/**
 * One layer of an upload as GDAL sees it: where it is, how to open it, and what ogrinfo said about it.
 *
 * @param path       the dataset (a file, or a .gdb folder)
 * @param layer      the layer name inside the dataset
 * @param format     a short name for the report: shapefile, geopackage, filegdb, geojson, kml, dxf, csv, xlsx
 * @param openOptions GDAL {@code -oo} values (encoding, CSV coordinate columns)
 * @param extent     minX, minY, maxX, maxY in the file's coordinates, or null when it has none
 * @param srsWkt     the file's CRS as WKT, or null when it declares none
 */
public record SourceLayer(Path path, String layer, String format, List<String> openOptions, String geometryType,
        long featureCount, double[] extent, String srsWkt, List<String> fields) {
}
