package org.greenplan.ingest;

import org.greenplan.FieldException;

/** An upload over greenplan.import.max-upload-size (or a GeoJSON body over max-geojson-bytes): 413. */
public class UploadTooLargeException extends FieldException {
    public UploadTooLargeException(long limitBytes) {
        super(Category.TOO_LARGE, "Upload too large", "body", "the upload is larger than the limit of " + limitBytes
                + " bytes");
    }
}
