package org.greenplan.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletContext;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.greenplan.ServerTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Issue 12: without a token, a 100 MB multipart upload is refused before it reaches the disk. The body is
 * streamed over a raw socket (nothing of 100 MB is held in memory) while the directories where Tomcat
 * writes multipart parts and where imports keep their uploads are watched for any new file over 1 MB.
 */
class UnauthenticatedUploadTest extends ServerTestSupport {

    private static final long BODY = 100L << 20;
    private static final long ONE_MB = 1L << 20;

    @Autowired
    ServletContext servletContext;

    @Value("${greenplan.import.work-dir}")
    String importDir;

    @Test
    void aHundredMegabyteUploadWithoutATokenIs401AndLessThanAMegabyteReachesTheDisk() throws Exception {
        Path tomcatTemp = ((File) servletContext.getAttribute(ServletContext.TEMPDIR)).toPath();
        Path imports = Path.of(importDir).toAbsolutePath();
        Map<Path, Long> before = sizes(tomcatTemp, imports);

        AtomicBoolean sending = new AtomicBoolean(true);
        AtomicLong largestNew = new AtomicLong();
        CompletableFuture<Void> watcher = CompletableFuture.runAsync(() -> {
            while (sending.get()) {
                sizes(tomcatTemp, imports).forEach((file, size) -> {
                    if (!before.containsKey(file)) {
                        largestNew.accumulateAndGet(size, Math::max);
                    }
                });
                sleep(5);
            }
        });

        String boundary = "----greenplan-hostile-upload";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"layer\"\r\n\r\nbig\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.geojson\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        long length = head.length + BODY + tail.length;
        String response;
        long written = 0;
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(60_000);
            InputStream in = socket.getInputStream();
            CompletableFuture<String> reply = CompletableFuture.supplyAsync(() -> readAll(in));
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/imports HTTP/1.1\r\nHost: localhost:" + port + "\r\nConnection: close\r\n"
                    + "Content-Type: multipart/form-data; boundary=" + boundary + "\r\nContent-Length: " + length
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(head);
            byte[] block = new byte[64 * 1024];
            try {
                while (written < BODY) {
                    out.write(block);
                    written += block.length;
                }
                out.write(tail);
                out.flush();
            } catch (IOException refused) {
                // the server stopped reading and closed the connection: what we want
            }
            response = reply.get(60, TimeUnit.SECONDS);
        } finally {
            sending.set(false);
            watcher.get(10, TimeUnit.SECONDS);
        }
        assertThat(response).as("sent %d bytes", written).startsWith("HTTP/1.1 401");
        assertThat(response).contains("application/problem+json").contains("\"field\":\"Authorization\"");
        assertThat(largestNew.get()).as("largest new file in %s or %s", tomcatTemp, imports).isLessThan(ONE_MB);
        sizes(tomcatTemp, imports).forEach((file, size) -> {
            if (!before.containsKey(file)) {
                assertThat(size).as(file.toString()).isLessThan(ONE_MB);
            }
        });
    }

    private static Map<Path, Long> sizes(Path... dirs) {
        Map<Path, Long> m = new HashMap<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.forEach(f -> {
                    try {
                        if (Files.isRegularFile(f)) {
                            m.put(f, Files.size(f));
                        }
                    } catch (IOException gone) {
                        // removed while we looked
                    }
                });
            } catch (IOException | java.io.UncheckedIOException gone) {
                // a directory removed while we walked it
            }
        }
        return m;
    }

    private static String readAll(InputStream in) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) >= 0;) {
                b.write(buf, 0, n);
            }
        } catch (IOException e) {
            // a reset after the answer: keep what arrived
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
