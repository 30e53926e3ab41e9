package org.greenplan.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The text encoding of attribute data: a shapefile's .cpg is honoured; without it the bytes are checked
 * with a strict UTF-8 decode and, when that fails, read as GB18030 (the superset of GBK and GB2312 that
 * Chinese GIS software writes). The analyst's {@code encoding} overrides both.
 */
public final class EncodingDetector {

    private EncodingDetector() {
    }

    /** What was decided: the encoding's name, how ({@code cpg}, {@code user}, {@code detected}, {@code format}). */
    public record Decision(String name, String decidedBy, String detail) {
    }

    /** A user's encoding name, checked (GBK, GB18030, UTF-8, Big5 …). */
    public static String userEncoding(String given) {
        String name = given.trim();
        try {
            Charset cs = Charset.forName(name);
            return cs.name().equals("x-mswin-936") ? "CP936" : name.toUpperCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new RejectedUploadException("encoding", "unknown encoding '" + given
                    + "'; use e.g. UTF-8, GBK or GB18030");
        }
    }

    /** A .cpg's content as an encoding name: "936" → CP936, "65001"/"UTF8" → UTF-8. */
    public static String cpgEncoding(String cpg) {
        String v = cpg.trim().toUpperCase(Locale.ROOT);
        return switch (v) {
            case "65001", "UTF8", "UTF-8" -> "UTF-8";
            case "936", "CP936", "GBK" -> "GBK";
            case "54936", "GB18030" -> "GB18030";
            default -> v;
        };
    }

    /** Decides from the bytes after {@code skip}: ASCII, UTF-8, or else GB18030. */
    public static Decision detect(Path file, long skip, String what) throws IOException {
        int result = scan(file, skip);
        if (result == 0) {
            return new Decision("UTF-8", "detected", what + " is plain ASCII");
        }
        if (result == 1) {
            return new Decision("UTF-8", "detected", what + " decodes as strict UTF-8");
        }
        return new Decision("GB18030", "detected", what + " is not valid UTF-8; read as GBK/GB18030");
    }

    /** True when the bytes after {@code skip} are valid UTF-8. */
    public static boolean isUtf8(Path file, long skip) throws IOException {
        return scan(file, skip) < 2;
    }

    /** 0 = ASCII only, 1 = valid UTF-8 with non-ASCII, 2 = not UTF-8. Streams the whole file. */
    private static int scan(Path file, long skip) throws IOException {
        boolean nonAscii = false;
        int pending = 0;
        int lowerBound = 0x80;
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(Math.min(skip, Files.size(file)));
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    int b = buf[i] & 0xFF;
                    if (pending > 0) {
                        if ((b & 0xC0) != 0x80 || b < lowerBound && lowerBound > 0x80) {
                            return 2;
                        }
                        lowerBound = 0x80;
                        pending--;
                        continue;
                    }
                    if (b < 0x80) {
                        continue;
                    }
                    nonAscii = true;
                    if (b >= 0xC2 && b <= 0xDF) {
                        pending = 1;
                    } else if (b >= 0xE0 && b <= 0xEF) {
                        pending = 2;
                        lowerBound = b == 0xE0 ? 0xA0 : 0x80;
                    } else if (b >= 0xF0 && b <= 0xF4) {
                        pending = 3;
                        lowerBound = b == 0xF0 ? 0x90 : 0x80;
                    } else {
                        return 2;
                    }
                }
            }
        }
        return pending > 0 ? 2 : nonAscii ? 1 : 0;
    }

    /** Rewrites a text file from {@code charset} to UTF-8 (CSV uploads in GBK). */
    public static void transcodeToUtf8(Path from, Path to, String charset) throws IOException {
        try (var r = Files.newBufferedReader(from, Charset.forName(charset));
                var w = Files.newBufferedWriter(to, StandardCharsets.UTF_8)) {
            r.transferTo(w);
        }
    }
}
