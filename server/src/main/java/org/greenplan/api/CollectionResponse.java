package org.greenplan.api;

import java.util.List;
import java.util.Map;
import org.greenplan.layer.Layer;
import org.locationtech.jts.geom.Envelope;

/**
 * An OGC API – Features collection (one layer of a workspace) with greenplan's own members: what a planner's
 * client needs to draw and trust the layer (kind, geometry, style, version, feature count).
 */
public record CollectionResponse(String id, String title, String description, List<Link> links, Extent extent,
        String itemType, List<String> crs, String storageCrs, String kind, LocalizedName kindName, String group,
        String geometry, Map<String, Object> style, Integer version, Long featureCount, String updated) {

    static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";

    /** The spatial extent: one lon/lat box. */
    public record Extent(Spatial spatial) {
    }

    public record Spatial(List<List<Double>> bbox, String crs) {
    }

    /** {@code /collections}: every layer of the workspace. */
    public record Collections(List<Link> links, List<CollectionResponse> collections) {
    }

    static CollectionResponse of(Layer l, String ogcBase) {
        String self = ogcBase + "/collections/" + l.id();
        Envelope e = l.current() == null ? new Envelope() : l.current().extent();
        return new CollectionResponse(l.id(), l.name(), l.kind().label() + (l.current() == null ? ", no version yet"
                : ", version " + l.current().version() + ", " + l.current().featureCount() + " features"),
                List.of(Links.link(self, "self", Links.JSON, "This layer"),
                        Links.link(self + "/items", "items", Links.GEOJSON, "Features of " + l.name())),
                e.isNull() ? null : new Extent(new Spatial(List.of(LayerResponse.box(e)), CRS84)), "feature",
                List.of(CRS84), CRS84, l.kind().id(), new LocalizedName(l.kind().nameZh(), l.kind().nameEn()),
                l.kind().group(), l.kind().geometry().label(), l.kind().style().asMap(),
                l.current() == null ? null : l.current().version(), l.current() == null ? null : l.current().featureCount(),
                l.current() == null ? null : l.current().createdAt().toInstant().toString());
    }
}
