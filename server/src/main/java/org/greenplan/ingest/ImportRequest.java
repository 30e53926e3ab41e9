package org.greenplan.ingest;

import java.util.Map;
import org.greenplan.kind.LayerKind;

/**
 * The form of an import or a preview: the target layer (an existing layer id, or the name of a new
 * layer with {@code kind}), and the analyst's hints for reading the file.
 *
 * @param workspace   the workspace the layer is (or will be) in
 * @param layer       an existing layer's id, or the name of a new layer
 * @param newLayerId  optional id for a new layer
 * @param kind        the kind of a new layer (for an existing one: null, or its kind)
 * @param crs         EPSG code, gcj02 or bd09; null: from the file or guessed
 * @param encoding    attribute encoding; null: .cpg or detected
 * @param fieldMap    attribute → field of the file, e.g. population → RKS
 * @param sourceLayer which layer of a multi-layer file
 * @param x           CSV/XLSX longitude/easting column
 * @param y           CSV/XLSX latitude/northing column
 * @param valueMap    facility category per source value (the wizard's edited value mapping), e.g.
 *                    {@code highway=bus_stop → bus_stop}; wins over the standard table
 */
public record ImportRequest(String workspace, String layer, String newLayerId, LayerKind kind, String crs, String encoding,
        Map<String, String> fieldMap, String sourceLayer, String x, String y, String createdBy,
        Map<String, String> valueMap) {
}
