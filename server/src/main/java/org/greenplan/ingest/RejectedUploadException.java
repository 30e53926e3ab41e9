package org.greenplan.ingest;

import org.greenplan.FieldException;

/**
 * An upload refused before anything was loaded: an unsafe archive, an unreadable or inconsistent file, a
 * CRS that cannot be decided, a geometry type that does not fit the layer. Answered as 422 (or 400 for a
 * request that is malformed), with the form field at fault.
 */
public class RejectedUploadException extends FieldException {

    public RejectedUploadException(String field, String reason) {
        super(Category.UNPROCESSABLE, "Upload not accepted", field, reason);
    }
}
