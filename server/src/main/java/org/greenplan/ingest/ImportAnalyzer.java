package org.greenplan.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.greenplan.kind.GeometryFamily;
import org.greenplan.kind.LayerKind;
import org.springframework.stereotype.Service;

/**
 * Turns a stored upload into an {@link ImportPlan}: extracts archives safely, finds the layer to read,
 * checks shapefile consistency, decides encoding and CRS, checks the geometry type against the layer
 * kind and maps the fields. Everything here is fast and refuses bad input with a clear 4xx reason, so the
 * preview and the import agree and a job only starts on data that can be read.
 */
@Service
public class ImportAnalyzer {

    private static final List<String> X_NAMES = List.of("x", "lon", "lng", "long", "longitude", "经度", "东经",
            "point_x", "wgs84_lng", "gcj02_lng");
    private static final List<String> Y_NAMES = List.of("y", "lat", "latitude", "纬度", "北纬", "point_y",
            "wgs84_lat", "gcj02_lat");

    private final SourceInspector inspector;
    private final FieldMapper fields;
    private final GdalRunner gdal;
    private final ImportSettings settings;

    public ImportAnalyzer(SourceInspector inspector, FieldMapper fields, GdalRunner gdal, ImportSettings settings) {
        this.inspector = inspector;
        this.fields = fields;
        this.gdal = gdal;
        this.settings = settings;
    }

    /** {@code upload} is the stored file in {@code jobDir}; {@code kind} the target layer's kind. */
    public ImportPlan analyze(Path jobDir, Path upload, String fileName, ImportRequest req, LayerKind kind,
            String existingLayerId) throws IOException {
        Path src = jobDir.resolve("src");
        Files.createDirectories(src);
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".zip") || lower.endsWith(".kmz")) {
            SafeArchive.extract(upload, src, settings);
            if (lower.endsWith(".kmz")) {
                // a KMZ is a zip with doc.kml inside: read the extracted KML
                try (var s = Files.walk(src)) {
                    if (s.noneMatch(p -> p.toString().toLowerCase(Locale.ROOT).endsWith(".kml"))) {
                        throw new RejectedUploadException("file", "the KMZ holds no .kml document");
                    }
                }
            }
        } else if (SourceInspector.FILE_TYPES.contains(SourceInspector.extension(lower))) {
            Files.move(upload, src.resolve(safeName(fileName)), StandardCopyOption.REPLACE_EXISTING);
        } else {
            throw new RejectedUploadException("file", "unsupported file type '" + fileName + "'; send a zipped "
                    + "shapefile or File Geodatabase (.zip), GeoPackage, GeoJSON, KML/KMZ, DXF, CSV or XLSX");
        }

        List<SourceInspector.Dataset> datasets = inspector.datasets(jobDir, src);
        List<String[]> choices = new ArrayList<>();
        for (SourceInspector.Dataset d : datasets) {
            for (String layer : d.layers()) {
                choices.add(new String[] {d.path().toString(), layer, d.format()});
            }
        }
        if (choices.isEmpty()) {
            throw new RejectedUploadException("file", "no GIS data found in '" + fileName + "' (looked for .shp, "
                    + ".gdb, .gpkg, .geojson, .kml, .dxf, .csv, .xlsx)");
        }
        String[] chosen;
        if (req.sourceLayer() != null && !req.sourceLayer().isBlank()) {
            String want = req.sourceLayer().trim();
            chosen = choices.stream().filter(c -> c[1].equalsIgnoreCase(want)).findFirst()
                    .or(() -> choices.stream().filter(c -> Path.of(c[0]).getFileName().toString().equalsIgnoreCase(want))
                            .findFirst())
                    .orElseThrow(() -> new RejectedUploadException("sourceLayer", "the upload has no layer '" + want
                            + "'; its layers are " + names(choices)));
        } else if (choices.size() == 1) {
            chosen = choices.get(0);
        } else {
            throw new RejectedUploadException("sourceLayer", "the upload holds " + choices.size()
                    + " layers; choose one with sourceLayer: " + names(choices));
        }
        Path dataset = Path.of(chosen[0]);
        String layer = chosen[1];
        String format = chosen[2];
        List<ImportWarning> warnings = new ArrayList<>();
        List<String> openOptions = new ArrayList<>();
        EncodingDetector.Decision encoding;
        if (format.equals("xlsx")) {
            dataset = xlsxToCsv(dataset, layer, jobDir);
            layer = SourceInspector.baseName(dataset);
            format = "csv";
            encoding = new EncodingDetector.Decision("UTF-8", "format", "XLSX text is UTF-8 (Office Open XML)");
            openOptions.addAll(csvOptions(req));
        } else if (format.equals("csv")) {
            encoding = csvEncoding(dataset, req);
            if (!encoding.name().equals("UTF-8")) {
                Path utf8 = dataset.resolveSibling(SourceInspector.baseName(dataset) + ".utf8.csv");
                EncodingDetector.transcodeToUtf8(dataset, utf8, encoding.name());
                Files.delete(dataset);
                dataset = utf8;
                layer = SourceInspector.baseName(utf8);
            }
            openOptions.addAll(csvOptions(req));
        } else if (format.equals("shapefile")) {
            SourceInspector.checkShapefile(dataset);
            encoding = shapefileEncoding(dataset, req, warnings);
            openOptions.add("ENCODING=" + encoding.name());
        } else {
            encoding = new EncodingDetector.Decision("UTF-8", "format", format.equals("dxf")
                    ? "DXF text is decoded by GDAL from the drawing's $DWGCODEPAGE" : format + " text is UTF-8 by definition");
            if (req.encoding() != null && !req.encoding().isBlank()) {
                warnings.add(ImportWarning.of("encoding.ignored", "encoding '" + req.encoding() + "' was ignored: " + format
                        + " declares its own encoding", "encoding", req.encoding(), "format", format));
            }
        }

        SourceLayer source = inspector.describe(jobDir, dataset, layer, format, openOptions);
        checkGeometry(source, kind);
        CrsDetector.Decision crs = CrsDetector.decide(req.crs(), source.srsWkt(), source.extent(),
                format.equals("shapefile") ? "prj" : "file");
        warnings.addAll(crs.warnings());
        Map<String, String> userMap = req.fieldMap() == null ? Map.of() : req.fieldMap();
        Map<String, String> map = fields.suggest(kind, source.fields(), userMap);
        fields.check(kind, source.fields(), userMap, map);
        return new ImportPlan(req.workspace(), jobDir, fileName, source, crs, encoding, map, kind, existingLayerId,
                existingLayerId == null ? req.layer() : null, req.newLayerId(), warnings,
                req.valueMap() == null ? Map.of() : req.valueMap());
    }

    private static String names(List<String[]> choices) {
        return choices.stream().map(c -> c[1]).toList().toString();
    }

    /** Refuses a layer whose declared geometry cannot go into the kind (a line file into a park layer). */
    static void checkGeometry(SourceLayer source, LayerKind kind) {
        String g = source.geometryType().toLowerCase(Locale.ROOT);
        if (g.equals("none")) {
            throw new RejectedUploadException(source.format().equals("csv") ? "x" : "file", "layer '" + source.layer()
                    + "' has no geometry" + (source.format().equals("csv")
                            ? "; give the coordinate columns as x and y (found columns: " + source.fields() + ")" : ""));
        }
        GeometryFamily family = g.contains("polygon") || g.contains("surface") ? GeometryFamily.POLYGON
                : g.contains("line") || g.contains("curve") ? GeometryFamily.LINE
                : g.contains("point") ? GeometryFamily.POINT : null;
        if (family != null && kind.geometry() != GeometryFamily.ANY && family != kind.geometry()) {
            throw new RejectedUploadException("kind", "layer '" + source.layer() + "' holds " + source.geometryType()
                    + " geometries; a " + kind.id() + " layer (" + kind.label() + ") takes " + kind.geometry().label()
                    + "s");
        }
    }

    private EncodingDetector.Decision shapefileEncoding(Path shp, ImportRequest req, List<ImportWarning> warnings)
            throws IOException {
        Path dbf = SourceInspector.sibling(shp, "dbf").orElseThrow();
        long header = SourceInspector.dbfHeaderLength(dbf);
        Optional<Path> cpg = SourceInspector.sibling(shp, "cpg");
        if (req.encoding() != null && !req.encoding().isBlank()) {
            String e = EncodingDetector.userEncoding(req.encoding());
            if (cpg.isPresent()) {
                String declared = Files.readString(cpg.get()).trim();
                warnings.add(ImportWarning.of("encoding.userOverridesCpg", "the .cpg says " + declared + "; encoding "
                        + e + " given by the analyst was used", "declared", declared, "encoding", e));
            }
            return new EncodingDetector.Decision(e, "user", "given by the analyst");
        }
        if (cpg.isPresent()) {
            String declared = Files.readString(cpg.get(), java.nio.charset.StandardCharsets.ISO_8859_1).trim();
            String e = EncodingDetector.cpgEncoding(declared);
            if (e.equals("UTF-8") && !EncodingDetector.isUtf8(dbf, header)) {
                warnings.add(ImportWarning.of("encoding.cpgNotUtf8", "the .cpg says UTF-8 but the .dbf is not valid UTF-8: "
                        + "if names look garbled, import again with encoding=GBK"));
            }
            return new EncodingDetector.Decision(e, "cpg", "from the .cpg file ('" + declared + "')");
        }
        return EncodingDetector.detect(dbf, header, "the .dbf (no .cpg)");
    }

    private static EncodingDetector.Decision csvEncoding(Path csv, ImportRequest req) throws IOException {
        if (req.encoding() != null && !req.encoding().isBlank()) {
            return new EncodingDetector.Decision(EncodingDetector.userEncoding(req.encoding()), "user",
                    "given by the analyst");
        }
        return EncodingDetector.detect(csv, 0, "the CSV");
    }

    private static List<String> csvOptions(ImportRequest req) {
        String x = req.x() == null || req.x().isBlank() ? String.join(",", X_NAMES) : req.x().trim();
        String y = req.y() == null || req.y().isBlank() ? String.join(",", Y_NAMES) : req.y().trim();
        return List.of("X_POSSIBLE_NAMES=" + x, "Y_POSSIBLE_NAMES=" + y, "AUTODETECT_TYPE=YES",
                "KEEP_GEOM_COLUMNS=NO");
    }

    private Path xlsxToCsv(Path xlsx, String sheet, Path jobDir) {
        Path csv = xlsx.resolveSibling(safeName(sheet) + ".csv");
        GdalRunner.Result r = gdal.run(GdalRunner.Access.files(jobDir, "XLSX", "CSV"), List.of("ogr2ogr", "-f", "CSV",
                csv.toString(), GdalSandbox.dataset(xlsx, jobDir), GdalSandbox.layer(sheet), "-oo", "HEADERS=FORCE",
                "-oo", "FIELD_TYPES=AUTO"), settings.gdalTimeout(), null);
        if (r.exitCode() != 0 || !Files.exists(csv)) {
            throw new RejectedUploadException("file", "cannot read sheet '" + sheet + "' of the XLSX: "
                    + GdalRunner.errorLines(r.output()));
        }
        return csv;
    }

    /** A file name reduced to letters, digits, CJK, dot, dash and underscore, without any directory. */
    static String safeName(String name) {
        String base = name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        base = base.replaceAll("[^\\p{L}\\p{N}._-]", "_");
        if (base.isEmpty() || base.startsWith(".")) {
            base = "upload" + base;
        }
        return base;
    }
}
