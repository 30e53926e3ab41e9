package org.greenplan.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.ZipFile;

/**
 * The GDAL driver of a dataset found in an upload: chosen by its extension, then confirmed by a cheap look
 * at its first bytes, because GDAL itself picks a driver by content (an OGR VRT named {@code .kml} is opened
 * as a VRT). A file whose content is not what its name says is refused with the reason.
 */
final class UploadContent {

    /** Text sidecars GDAL reads with a dataset: a few hundred bytes in real data. */
    static final long MAX_SIDECAR_BYTES = 64 * 1024;
    private static final int HEAD = 64 * 1024;
    private static final byte[] SQLITE = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final byte[] BINARY_DXF = "AutoCAD Binary DXF".getBytes(StandardCharsets.US_ASCII);

    private UploadContent() {
    }

    /** The GDAL driver short name for {@code format} (SourceInspector's names). */
    static String driver(String format) {
        return switch (format) {
            case "shapefile" -> "ESRI Shapefile";
            case "geopackage" -> "GPKG";
            case "filegdb" -> "OpenFileGDB";
            case "geojson" -> "GeoJSON";
            case "kml" -> "KML";
            case "dxf" -> "DXF";
            case "csv" -> "CSV";
            case "xlsx" -> "XLSX";
            default -> throw new IllegalArgumentException("no GDAL driver for " + format);
        };
    }

    /** Refuses {@code dataset} unless its content is a {@code format} file; returns the driver to open it with. */
    static String check(Path dataset, String format) throws IOException {
        String name = dataset.getFileName().toString();
        if (format.equals("filegdb")) {
            checkFileGdb(dataset, name);
            return driver(format);
        }
        byte[] head = head(dataset);
        String text = text(head);
        switch (format) {
            case "shapefile" -> {
                if (head.length < 4 || (head[0] & 0xFF) != 0 || (head[1] & 0xFF) != 0 || (head[2] & 0xFF) != 0x27
                        || (head[3] & 0xFF) != 0x0A) {
                    throw refused(name, "is not a shapefile (its header lacks the file code 9994)");
                }
            }
            case "geopackage" -> {
                if (!startsWith(head, SQLITE)) {
                    throw refused(name, "is not a GeoPackage (it does not start with the SQLite header)");
                }
            }
            case "xlsx" -> checkXlsx(dataset, head, name);
            case "geojson" -> {
                refuseVrt(text, name);
                if (!text.startsWith("{")) {
                    throw refused(name, "is not JSON (a GeoJSON file starts with '{')");
                }
            }
            case "kml" -> {
                refuseVrt(text, name);
                String root = xmlRoot(text);
                if ("!DOCTYPE".equals(root)) {
                    throw refused(name, "is not a KML document as accepted here (it has a DOCTYPE, which KML does not use)");
                }
                if (root == null || !root.equalsIgnoreCase("kml") && !root.toLowerCase(Locale.ROOT).endsWith(":kml")) {
                    throw refused(name, "is not a KML document (" + (root == null ? "no XML root element"
                            : "its root element is <" + abbreviate(root) + ">, not <kml>") + ")");
                }
            }
            case "dxf" -> {
                refuseVrt(text, name);
                if (!startsWith(head, BINARY_DXF) && !(text.matches("(?s)^\\d+\\s*\\r?\\n.*") && text.contains("SECTION"))) {
                    throw refused(name, "is not a DXF drawing (it does not start with a DXF group code and SECTION)");
                }
            }
            case "csv" -> refuseVrt(text, name);
            default -> throw new IllegalArgumentException("unknown format " + format);
        }
        return driver(format);
    }

    /** Refuses a shapefile's or CSV's .prj, .cpg, .csvt beyond {@link #MAX_SIDECAR_BYTES}. */
    static void checkSidecar(Path file) throws IOException {
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if ((lower.endsWith(".prj") || lower.endsWith(".cpg") || lower.endsWith(".csvt") || lower.endsWith(".qpj"))
                && Files.size(file) > MAX_SIDECAR_BYTES) {
            throw new RejectedUploadException("file", "the file " + file.getFileName() + " is larger than "
                    + MAX_SIDECAR_BYTES + " bytes (" + Files.size(file) + "); a " + lower.substring(lower.lastIndexOf('.'))
                    + " file holds one short line");
        }
    }

    private static void refuseVrt(String text, String name) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.contains("<ogrvrtdatasource") || lower.contains("<vrtdataset")) {
            throw refused(name, "is an OGR VRT document, which makes GDAL open other files, databases or URLs; "
                    + "VRT files are not accepted");
        }
    }

    private static void checkXlsx(Path dataset, byte[] head, String name) throws IOException {
        if (!startsWith(head, ZIP)) {
            throw refused(name, "is not an XLSX workbook (it is not a zip archive)");
        }
        try (ZipFile zip = new ZipFile(dataset.toFile())) {
            if (zip.getEntry("xl/workbook.xml") == null) {
                throw refused(name, "is not an XLSX workbook (it has no xl/workbook.xml)");
            }
        } catch (java.util.zip.ZipException e) {
            throw refused(name, "is not an XLSX workbook (a damaged zip archive)");
        }
    }

    private static void checkFileGdb(Path gdb, String name) throws IOException {
        try (var files = Files.list(gdb)) {
            boolean catalog = false;
            for (Path f : files.toList()) {
                if (!Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    throw refused(name, "is not a File Geodatabase ('" + f.getFileName() + "' is not a plain file)");
                }
                catalog |= f.getFileName().toString().equalsIgnoreCase("a00000001.gdbtable");
            }
            if (!catalog) {
                throw refused(name, "is not a File Geodatabase (it has no a00000001.gdbtable catalog)");
            }
        }
    }

    /**
     * The name of the first element of an XML text, after the declaration, comments and processing
     * instructions; null if there is none. A DOCTYPE is refused: KML has none, and entities are a way to
     * make a parser read other files.
     */
    static String xmlRoot(String text) {
        int i = 0;
        while (true) {
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (text.startsWith("<?", i)) {
                int end = text.indexOf("?>", i);
                if (end < 0) {
                    return null;
                }
                i = end + 2;
            } else if (text.startsWith("<!--", i)) {
                int end = text.indexOf("-->", i);
                if (end < 0) {
                    return null;
                }
                i = end + 3;
            } else if (text.startsWith("<!", i)) {
                return "!DOCTYPE";
            } else if (text.startsWith("<", i)) {
                int end = i + 1;
                while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '>'
                        && text.charAt(end) != '/') {
                    end++;
                }
                return text.substring(i + 1, end);
            } else {
                return null;
            }
        }
    }

    private static RejectedUploadException refused(String name, String why) {
        return new RejectedUploadException("file", "GDAL cannot read '" + name + "': it " + why
                + "; a file's content must match its extension");
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    private static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(HEAD);
        }
    }

    /** The first bytes as text, without a UTF-8 byte-order mark and leading white space. */
    private static String text(byte[] head) {
        int start = head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF
                ? 3 : 0;
        return new String(head, start, head.length - start, StandardCharsets.ISO_8859_1).stripLeading();
    }

    private static boolean startsWith(byte[] head, byte[] prefix) {
        return head.length >= prefix.length && Arrays.equals(head, 0, prefix.length, prefix, 0, prefix.length);
    }
}
