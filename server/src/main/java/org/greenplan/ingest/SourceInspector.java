package org.greenplan.ingest;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Finds the GIS data in an upload (after extraction) and asks ogrinfo what it holds: the datasets
 * (shapefiles, .gdb folders, GeoPackage, GeoJSON, KML, DXF, CSV, XLSX), their layers, and for the chosen
 * layer its geometry type, count, extent, CRS and fields. Shapefiles get cheap consistency checks of
 * their headers first (.shx present, .shp length, .dbf record count), so a damaged file is refused with a
 * clear reason instead of loading partly. Each dataset's content must match its extension
 * ({@link UploadContent}); ogrinfo then opens it with that one driver. The layer names handed to GDAL later
 * are the ones ogrinfo lists, or for the single-layer formats (shapefile, CSV, GeoJSON) the file's base
 * name, which is how GDAL names their layer.
 */
@Component
public class SourceInspector {

    static final List<String> FILE_TYPES = List.of("shp", "gpkg", "geojson", "json", "kml", "dxf", "csv", "xlsx");
    private static final Pattern LAYER_LINE = Pattern.compile("^(?:\\d+|Layer): (.+?)(?: \\(([^()]*)\\))?$");
    private static final Pattern EXTENT = Pattern.compile(
            "^Extent: \\(([-0-9.e+inf]+), ([-0-9.e+inf]+)\\) - \\(([-0-9.e+inf]+), ([-0-9.e+inf]+)\\)$");
    private static final Pattern FIELD = Pattern.compile(
            "^(.+): (String|Integer64|Integer|Real|Date|DateTime|Time|Binary|\\w+List)(\\(\\w+\\))? \\(.*\\)$");

    private final GdalRunner gdal;
    private final ImportSettings settings;

    public SourceInspector(GdalRunner gdal, ImportSettings settings) {
        this.gdal = gdal;
        this.settings = settings;
    }

    /** A dataset found in the upload, the GDAL driver that reads it and the layers it offers. */
    public record Dataset(Path path, String format, String driver, List<String> layers) {
    }

    /**
     * Every dataset under {@code root}, a folder of {@code jobDir} (a .gdb folder counts as one; macOS
     * metadata is skipped). Symbolic links and oversized .prj/.cpg/.csvt files are refused.
     */
    public List<Dataset> datasets(Path jobDir, Path root) throws IOException {
        GdalSandbox.refuseLinks(root);
        List<Path> found = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root, 8)) {
            walk.filter(p -> !p.equals(root)).forEach(p -> {
                try {
                    if (Files.isRegularFile(p)) {
                        UploadContent.checkSidecar(p);
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                String name = p.getFileName().toString();
                String lower = name.toLowerCase(Locale.ROOT);
                if (name.startsWith(".") || name.startsWith("__MACOSX")) {
                    return;
                }
                if (Files.isDirectory(p) && lower.endsWith(".gdb")) {
                    found.add(p);
                } else if (Files.isRegularFile(p) && FILE_TYPES.contains(extension(lower))
                        && found.stream().noneMatch(g -> p.startsWith(g))) {
                    found.add(p);
                }
            });
        }
        found.removeIf(p -> found.stream().anyMatch(g -> !g.equals(p) && p.startsWith(g)));
        List<Dataset> out = new ArrayList<>();
        for (Path p : found.stream().sorted().toList()) {
            String format = format(p);
            String driver = UploadContent.check(p, format);
            // a single-layer format's layer is named after the file, as GDAL names it; describe() then opens it
            // by that name, so a name GDAL does not list is refused there
            List<String> layers = switch (format) {
                case "shapefile", "csv", "geojson" -> List.of(baseName(p));
                default -> listLayers(jobDir, p, driver);
            };
            out.add(new Dataset(p, format, driver, layers));
        }
        return out;
    }

    static String format(Path p) {
        String lower = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".gdb")) {
            return "filegdb";
        }
        return switch (extension(lower)) {
            case "shp" -> "shapefile";
            case "gpkg" -> "geopackage";
            case "geojson", "json" -> "geojson";
            default -> extension(lower);
        };
    }

    private List<String> listLayers(Path jobDir, Path dataset, String driver) {
        GdalRunner.Result r = gdal.run(GdalRunner.Access.files(jobDir, driver),
                List.of("ogrinfo", "-ro", "-q", GdalSandbox.dataset(dataset, jobDir)), settings.gdalTimeout(), null);
        if (r.exitCode() != 0) {
            throw new RejectedUploadException("file", "GDAL cannot read " + dataset.getFileName() + ": "
                    + GdalRunner.errorLines(r.output()));
        }
        List<String> layers = new ArrayList<>();
        for (String line : r.output().lines().toList()) {
            Matcher m = LAYER_LINE.matcher(line.trim());
            if (m.matches()) {
                layers.add(m.group(1));
            }
        }
        return layers;
    }

    /** ogrinfo's summary of one layer of a dataset of {@code jobDir}. */
    public SourceLayer describe(Path jobDir, Path dataset, String layer, String format, List<String> openOptions) {
        List<String> cmd = new ArrayList<>(List.of("ogrinfo", "-ro", "-so", "-nomd"));
        for (String oo : openOptions) {
            cmd.add("-oo");
            cmd.add(oo);
        }
        cmd.add(GdalSandbox.dataset(dataset, jobDir));
        cmd.add(GdalSandbox.layer(layer));
        GdalRunner.Result r = gdal.run(GdalRunner.Access.files(jobDir, UploadContent.driver(format)), cmd,
                settings.gdalTimeout(), null);
        if (r.exitCode() != 0 || !r.output().contains("Layer name:")) {
            throw new RejectedUploadException("file", "GDAL cannot read layer '" + layer + "' of "
                    + dataset.getFileName() + ": " + GdalRunner.errorLines(r.output()));
        }
        String geometryType = "Unknown";
        long count = -1;
        double[] extent = null;
        StringBuilder wkt = null;
        boolean inWkt = false;
        List<String> fields = new ArrayList<>();
        for (String line : r.output().lines().toList()) {
            if (inWkt) {
                if (line.startsWith("Data axis to CRS axis mapping")
                        || !line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && !line.matches("^[A-Z0-9]+\\[.*")) {
                    inWkt = false;
                } else {
                    wkt.append(line).append('\n');
                    continue;
                }
            }
            if (line.startsWith("Geometry: ")) {
                geometryType = line.substring(10).trim();
            } else if (line.startsWith("Feature Count: ")) {
                count = Long.parseLong(line.substring(15).trim());
            } else if (line.startsWith("Extent: ")) {
                Matcher m = EXTENT.matcher(line.trim());
                if (m.matches()) {
                    extent = new double[] {parse(m.group(1)), parse(m.group(2)), parse(m.group(3)), parse(m.group(4))};
                }
            } else if (line.startsWith("Layer SRS WKT:")) {
                inWkt = true;
                wkt = new StringBuilder();
            } else if (!line.startsWith("FID Column") && !line.startsWith("Geometry Column")
                    && !line.startsWith("Layer name:") && !line.startsWith("INFO:") && !line.startsWith(" ")) {
                Matcher f = FIELD.matcher(line);
                if (f.matches()) {
                    fields.add(f.group(1));
                }
            }
        }
        String srs = wkt == null || wkt.toString().isBlank() || wkt.toString().trim().equals("(unknown)") ? null
                : wkt.toString().trim();
        return new SourceLayer(dataset, layer, format, openOptions, geometryType, count, extent, srs, fields);
    }

    private static double parse(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /**
     * The shapefile's sidecar files and header consistency: .shx and .dbf must exist, the .shp must be as
     * long as its header says, the .shx index as many records as the .dbf.
     */
    public static void checkShapefile(Path shp) throws IOException {
        Path shx = sibling(shp, "shx").orElseThrow(() -> new RejectedUploadException("file", "the shapefile "
                + shp.getFileName() + " has no .shx index; add it to the archive"));
        Path dbf = sibling(shp, "dbf").orElseThrow(() -> new RejectedUploadException("file", "the shapefile "
                + shp.getFileName() + " has no .dbf attribute table; add it to the archive"));
        long shpDeclared = declaredLength(shp);
        long shpActual = Files.size(shp);
        if (shpDeclared < 0 || shpActual < shpDeclared) {
            throw new RejectedUploadException("file", "the shapefile " + shp.getFileName() + " is truncated: its "
                    + "header declares " + shpDeclared + " bytes, the file has " + shpActual);
        }
        long shxDeclared = declaredLength(shx);
        if (shxDeclared < 0 || Files.size(shx) < shxDeclared) {
            throw new RejectedUploadException("file", "the shapefile index " + shx.getFileName() + " is truncated");
        }
        long shapes = (shxDeclared - 100) / 8;
        try (RandomAccessFile f = new RandomAccessFile(dbf.toFile(), "r")) {
            byte[] head = new byte[32];
            if (f.length() < 32) {
                throw new RejectedUploadException("file", "the .dbf of " + shp.getFileName() + " is truncated");
            }
            f.readFully(head);
            ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
            long records = Integer.toUnsignedLong(b.getInt(4));
            int headerLength = Short.toUnsignedInt(b.getShort(8));
            int recordLength = Short.toUnsignedInt(b.getShort(10));
            long needed = headerLength + records * recordLength;
            if (f.length() < needed) {
                throw new RejectedUploadException("file", "the .dbf of " + shp.getFileName() + " declares "
                        + records + " records but holds only " + Math.max(0, (f.length() - headerLength)
                                / Math.max(1, recordLength)) + " (truncated or damaged)");
            }
            if (records != shapes) {
                throw new RejectedUploadException("file", "the .dbf of " + shp.getFileName() + " holds " + records
                        + " records but the .shp/.shx " + shapes + " shapes: the files do not belong together");
            }
        }
    }

    /** Header length of the dbf: the attribute bytes start after it (for encoding detection). */
    public static long dbfHeaderLength(Path dbf) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(dbf.toFile(), "r")) {
            f.seek(8);
            return Short.toUnsignedInt(Short.reverseBytes(f.readShort()));
        }
    }

    private static long declaredLength(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            if (f.length() < 100) {
                return -1;
            }
            f.seek(0);
            if (f.readInt() != 9994) {
                return -1;
            }
            f.seek(24);
            return 2L * Integer.toUnsignedLong(f.readInt());
        }
    }

    /** A sidecar file with another extension, in any letter case (.SHX, .Dbf …). */
    public static Optional<Path> sibling(Path file, String ext) throws IOException {
        String base = baseName(file);
        try (Stream<Path> s = Files.list(file.getParent())) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                int dot = n.lastIndexOf('.');
                return dot > 0 && n.substring(0, dot).equals(base) && n.substring(dot + 1).equalsIgnoreCase(ext);
            }).findFirst();
        }
    }

    static String baseName(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1);
    }
}
