package org.greenplan.limits;

import org.greenplan.ingest.ImportSettings;
import org.springframework.stereotype.Component;

/**
 * The sizes the server accepts: request bodies per kind of endpoint ({@link BodyLimit}) and the number of
 * vertices and list entries in what is submitted, so no request costs more than its purpose needs.
 */
@Component
public class RequestLimits {

    private final long jsonBody;
    private final long geoJsonBody;
    private final long upload;
    private final long multipartMargin;
    private final int maxSiteVertices;
    private final int maxListEntries;

    public RequestLimits(LimitsProperties limits, ImportSettings imports) {
        this.jsonBody = limits.jsonBody().toBytes();
        this.geoJsonBody = imports.maxGeojsonBytes();
        this.upload = imports.maxUploadBytes();
        this.multipartMargin = limits.multipartMargin().toBytes();
        this.maxSiteVertices = limits.maxSiteVertices();
        this.maxListEntries = limits.maxListEntries();
    }

    /** The most bytes a body of this kind may have (for uploads: the whole multipart request). */
    public long bodyBytes(BodyLimit.Kind kind) {
        return switch (kind) {
            case JSON -> jsonBody;
            case GEOJSON -> geoJsonBody;
            case UPLOAD -> multipartRequestBytes();
        };
    }

    /** An upload's file plus room for the form's other fields and the multipart framing. */
    public long multipartRequestBytes() {
        return upload + multipartMargin;
    }

    public long uploadBytes() {
        return upload;
    }

    /** 400 naming {@code field} when a submitted polygon has more vertices than a project site needs. */
    public void checkSiteVertices(String field, int vertices) {
        if (vertices > maxSiteVertices) {
            throw new LimitExceededException(field, maxSiteVertices, "the geometry has " + vertices
                    + " vertices; at most " + maxSiteVertices + " are accepted (simplify it first)");
        }
    }

    /** 400 naming {@code field} when a list (layer ids and the like) has more entries than allowed. */
    public void checkListLength(String field, int entries) {
        if (entries > maxListEntries) {
            throw new LimitExceededException(field, maxListEntries, "'" + field + "' has " + entries
                    + " entries; at most " + maxListEntries + " are accepted");
        }
    }

    public int maxListEntries() {
        return maxListEntries;
    }

    /** 1048576 → "1 MB", 1536 → "1.5 KB": for messages. */
    static String describe(long bytes) {
        if (bytes >= 1 << 20) {
            return trim(bytes / (double) (1 << 20)) + " MB";
        }
        if (bytes >= 1 << 10) {
            return trim(bytes / 1024.0) + " KB";
        }
        return bytes + " bytes";
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
