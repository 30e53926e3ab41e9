package org.greenplan.ingest;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.greenplan.geo.GeoJsonException;
import org.greenplan.geo.GeoJsonFeature;
import org.greenplan.geo.GeoJsonFeatureReader;
import org.greenplan.kind.GeometryFamily;
import org.greenplan.layer.FeatureProblem;
import org.greenplan.layer.InvalidLayerDataException;
import org.greenplan.layer.LayerPublisher;
import org.greenplan.layer.LayerPublisher.Published;
import org.greenplan.layer.LayerPublisher.Target;
import org.greenplan.layer.StagedFeatures;
import org.springframework.stereotype.Service;

/**
 * Loads a GeoJSON FeatureCollection (EPSG:4326, RFC 7946) as a layer version, streaming it straight from
 * the request into the staging COPY. Every feature is checked before anything is kept; if any is
 * unusable the import fails as a whole with the list of reasons.
 */
@Service
public class GeoJsonUpload {

    private final LayerPublisher publisher;
    private final long maxBytes;

    public GeoJsonUpload(LayerPublisher publisher, ImportSettings settings) {
        this.publisher = publisher;
        this.maxBytes = settings.maxGeojsonBytes();
    }

    public Published load(Target target, GeometryFamily expected, InputStream body) {
        return publisher.publish(target, staged -> stage(body, expected, target.kind() == null
                ? null : target.kind().label(), staged));
    }

    private void stage(InputStream body, GeometryFamily expected, String kindLabel, StagedFeatures staged) {
        List<FeatureProblem> problems = new ArrayList<>();
        long rejected = 0;
        try (GeoJsonFeatureReader reader = new GeoJsonFeatureReader(new LimitedInputStream(body, maxBytes))) {
            while (reader.hasNext()) {
                String problem;
                long index;
                try {
                    GeoJsonFeature f = reader.next();
                    index = f.index();
                    problem = check(f, expected, kindLabel);
                    if (problem == null) {
                        staged.add(f.index(), f.id(), f.properties().toString(), f.geometry());
                        continue;
                    }
                } catch (GeoJsonException e) {
                    if (!e.isFeatureLevel()) {
                        throw e;
                    }
                    index = e.featureIndex();
                    problem = e.getMessage().replaceFirst("^feature \\d+: ", "");
                }
                rejected++;
                if (problems.size() < StagedFeatures.MAX_LISTED_PROBLEMS) {
                    problems.add(new FeatureProblem(index, problem));
                }
            }
        } catch (GeoJsonException e) {
            throw new InvalidLayerDataException("body", e.getMessage());
        }
        if (rejected > 0) {
            throw new InvalidLayerDataException("features", rejected + " feature(s) cannot be loaded; nothing was stored",
                    problems);
        }
    }

    private static String check(GeoJsonFeature f, GeometryFamily expected, String kindLabel) {
        if (f.geometry() == null) {
            return "the feature has no geometry";
        }
        if (f.geometry().isEmpty()) {
            return "the geometry is empty";
        }
        if (!expected.accepts(f.geometry())) {
            return "a " + f.geometry().getGeometryType() + " cannot go into a " + expected.label() + " layer"
                    + (kindLabel == null ? "" : " (" + kindLabel + ")");
        }
        return null;
    }
}
