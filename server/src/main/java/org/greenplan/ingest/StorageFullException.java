package org.greenplan.ingest;

import org.greenplan.FieldException;

/**
 * The server's temporary storage filled up while an upload was written to it (the servlet container's multipart
 * directory, or the import work directory, {@code greenplan.import.work-dir}): answered 507 naming {@code file},
 * with a reason an operator acts on. The partial file is removed with its job directory and nothing was imported.
 */
public class StorageFullException extends FieldException {

    public StorageFullException(Throwable cause) {
        super(Category.INSUFFICIENT_STORAGE, "file", "the server's temporary storage is full, so the upload could not "
                + "be stored (" + describe(cause) + "); nothing was imported. Free space in the server's work "
                + "directory (greenplan.import.work-dir) or its temporary directory, or try again later");
        initCause(cause);
    }

    /** Whether {@code failure} (or one of its causes) is a write that failed for lack of space. */
    public static boolean isDiskFull(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage();
            // the operating system's words (ENOSPC, EDQUOT), also when a reader wrapped them into its own message
            if (m != null && (m.contains("No space left on device") || m.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("No space left on device") || m.contains("Disk quota exceeded"))) {
                return m;
            }
        }
        return "no space left on device";
    }
}
