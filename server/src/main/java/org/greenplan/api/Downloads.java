package org.greenplan.api;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.greenplan.ingest.LayerExport;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;

/** A file the server wrote (an export, a workspace archive) streamed to the client as an attachment. */
final class Downloads {

    private Downloads() {
    }

    /**
     * Streams {@code file} without a length; the caller closes it (removing its directory) after this returns, so
     * the container ends the download (last chunk) only after the files are removed.
     */
    static void send(LayerExport.ExportFile file, HttpServletResponse response) throws IOException {
        response.setContentType(file.contentType());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(file.fileName(), StandardCharsets.UTF_8).build().toString());
        OutputStream out = response.getOutputStream();
        Files.copy(file.file(), out);
        out.flush();
    }
}
