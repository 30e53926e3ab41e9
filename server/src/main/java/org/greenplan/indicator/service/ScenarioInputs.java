package org.greenplan.indicator.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.greenplan.geo.Feature;
import org.greenplan.indicator.service.IndicatorFeatureRepository.Clip;
import org.greenplan.kind.GeometryFamily;
import org.greenplan.layer.LayerVersion;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.util.GeometryFixer;

/**
 * What an indicator reads differently on a scenario (方案) instead of the baseline: the layer versions the scenario
 * pinned when it branched, and its feature-level edits per layer. The indicator service reads each pinned version
 * as usual and lays the edits over it ({@link Edits#apply}), so a scenario runs the very same engines, loading and
 * area handling as the baseline.
 *
 * @param workspace the scenario's workspace
 * @param key    the scenario and its revision: part of the cache key, so every edit is a new run
 * @param pinned layer id → the version the scenario reads (layers missing here are read at their current version)
 * @param edits  layer id → the edits of that layer (only edited layers)
 */
public record ScenarioInputs(String workspace, String key, Map<String, LayerVersion> pinned, Map<String, Edits> edits) {

    public ScenarioInputs {
        pinned = Map.copyOf(pinned);
        edits = Map.copyOf(edits);
    }

    /**
     * One layer's edits: the keys of the baseline features it replaces or deletes (a feature's key is its id as
     * the engines see it: source id, else stored id) and the features it adds or puts in their place.
     */
    public record Edits(Set<String> removed, List<Feature> upserts) {

        public Edits {
            removed = Set.copyOf(removed);
            upserts = List.copyOf(upserts);
        }

        /**
         * The baseline features as loaded for an area, with the edits laid over: removed and replaced keys left
         * out, the upserts added where they meet {@code area} (clipped to it when {@code clip} says so, as the
         * baseline's SQL does).
         */
        public List<Feature> apply(List<Feature> baseline, Geometry area, Clip clip) {
            List<Feature> out = new ArrayList<>(baseline.size() + upserts.size());
            for (Feature f : baseline) {
                if (!removed.contains(f.id())) {
                    out.add(f);
                }
            }
            for (Feature f : upserts) {
                if (area == null) {
                    out.add(f);
                } else if (f.geometry().intersects(area)) {
                    out.add(clip == Clip.NONE || area.covers(f.geometry()) ? f : clipped(f, area, clip));
                }
            }
            out.removeIf(f -> f.geometry().isEmpty());
            return out;
        }

        private static Feature clipped(Feature f, Geometry area, Clip clip) {
            GeometryFamily family = switch (clip) {
                case POINTS -> GeometryFamily.POINT;
                case LINES -> GeometryFamily.LINE;
                default -> GeometryFamily.POLYGON;
            };
            Geometry cut = GeometryFixer.fix(f.geometry().intersection(area));
            List<Geometry> parts = new ArrayList<>();
            for (int i = 0; i < cut.getNumGeometries(); i++) {
                Geometry p = cut.getGeometryN(i);
                if (family.accepts(p) && !p.isEmpty()) {
                    parts.add(p);
                }
            }
            Geometry g = cut.getFactory().buildGeometry(parts);
            g.setSRID(4326);
            return new Feature(f.id(), g, f.attributes());
        }
    }

    /** The edits of a layer, or null when the scenario leaves it as it is. */
    Edits editsOf(String layerId) {
        return edits.get(layerId);
    }
}
