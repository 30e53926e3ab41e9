package org.greenplan.ingest;

public class UploadTooLargeException extends RuntimeException implements org.greenplan.Refusal {
    @Override
    public Category category() {
        return Category.TOO_LARGE;
    }

    @Override
    public String field() {
        return "body";
    }

    @Override
    public String title() {
        return "Upload too large";
    }

    public UploadTooLargeException(long limitBytes) {
        super("the upload is larger than the limit of " + limitBytes + " bytes");
    }
}
