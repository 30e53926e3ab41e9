package org.greenplan.ingest;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.greenplan.kind.LayerKind;

/**
 * What the analysis of an upload decided, before anything is loaded: the layer to read, its CRS and
 * encoding (each with how it was decided), the field map, and the target layer. The preview shows it;
 * the import job executes it.
 *
 * @param workspace       the workspace of the target layer
 * @param existingLayerId the layer receiving a new version, or null for a new layer named {@code layerName}
 * @param valueMap        the analyst's facility category per source value (empty: the standard table only)
 */
public record ImportPlan(String workspace, Path jobDir, String fileName, SourceLayer source, CrsDetector.Decision crs,
        EncodingDetector.Decision encoding, Map<String, String> fieldMap, LayerKind kind, String existingLayerId,
        String layerName, String newLayerId, List<ImportWarning> warnings,
        Map<String, String> valueMap) {

    /** ogr2ogr options that read the source as decided (open options, CRS), without the output part. */
    public List<String> readOptions() {
        return readOptions(0);
    }

    /**
     * The same, but with the coordinates left in {@code keepEpsg} (labelled with it) instead of reprojected
     * to EPSG:4326 by ogr2ogr, when that is not 0: the import then reprojects in PostGIS.
     */
    public List<String> readOptions(int keepEpsg) {
        var out = new java.util.ArrayList<String>();
        for (String oo : source.openOptions()) {
            out.add("-oo");
            out.add(oo);
        }
        if (keepEpsg != 0) {
            out.add("-a_srs");
            out.add("EPSG:" + keepEpsg);
        } else if (crs.web() != org.greenplan.geo.ChinaCoordinates.System.WGS84) {
            out.add("-a_srs");
            out.add("EPSG:4326");
        } else {
            if (crs.sourceSrs() != null) {
                out.add("-s_srs");
                out.add(crs.sourceSrs());
            }
            out.add("-t_srs");
            out.add("EPSG:4326");
        }
        out.add("-dim");
        out.add("XY");
        return out;
    }
}
