package org.greenplan.api;

import java.util.List;
import org.greenplan.layer.FeatureProblem;
import org.greenplan.layer.Layer;
import org.greenplan.layer.LayerPublisher.Published;
import org.greenplan.layer.LayerVersion;
import org.locationtech.jts.geom.Envelope;

/**
 * A layer of a workspace as {@code /layers} lists it: its kind, current version, feature count and box, and, for
 * one layer, every version; after an upload, how many features were repaired and why.
 */
public record LayerResponse(String id, String name, String kind, LocalizedName kindName, Integer version,
        Long featureCount, List<Double> bbox, List<VersionResponse> versions, Long repaired,
        List<Repair> repairs, List<Link> links) {

    /** One version: its size, box, source and author. */
    public record VersionResponse(int version, long featureCount, long repaired, String geometryType, List<Double> bbox,
            String source, String createdBy, String createdAt) {

        static VersionResponse of(LayerVersion v) {
            return new VersionResponse(v.version(), v.featureCount(), v.repaired(), v.geometryType(), box(v.extent()),
                    v.source(), v.createdBy(), v.createdAt().toInstant().toString());
        }
    }

    /** A feature (its index in the upload) whose geometry was repaired, and what was wrong with it. */
    public record Repair(long feature, String reason) {

        static Repair of(FeatureProblem p) {
            return new Repair(p.index(), p.reason());
        }
    }

    static LayerResponse of(Layer l, List<LayerVersion> versions, WorkspaceScope scope) {
        LayerVersion c = l.current();
        return new LayerResponse(l.id(), l.name(), l.kind().id(), new LocalizedName(l.kind().nameZh(), l.kind().nameEn()),
                c == null ? null : c.version(), c == null ? null : c.featureCount(), c == null ? null : box(c.extent()),
                versions == null ? null : versions.stream().map(VersionResponse::of).toList(), null, null,
                List.of(Links.link(scope.ogc() + "/collections/" + l.id(), "collection", Links.JSON,
                        "The layer as an OGC API collection")));
    }

    static LayerResponse published(Published p, WorkspaceScope scope) {
        LayerResponse r = of(p.layer(), null, scope);
        return new LayerResponse(r.id(), r.name(), r.kind(), r.kindName(), r.version(), r.featureCount(), r.bbox(), null,
                p.version().repaired(), p.repairs().isEmpty() ? null : p.repairs().stream().map(Repair::of).toList(),
                r.links());
    }

    static List<Double> box(Envelope e) {
        return e.isNull() ? null : List.of(e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY());
    }
}
