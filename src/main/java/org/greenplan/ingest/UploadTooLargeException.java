package org.greenplan.ingest;

public class UploadTooLargeException extends RuntimeException {
    public UploadTooLargeException(long limitBytes) {
        super("the upload is larger than the limit of " + limitBytes + " bytes");
    }
}
