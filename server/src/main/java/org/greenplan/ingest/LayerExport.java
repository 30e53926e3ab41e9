package org.greenplan.ingest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;
import org.greenplan.CsvCells;
import org.greenplan.geo.ChinaCoordinates;
import org.greenplan.geo.GeoJson;
import org.greenplan.kind.GeometryFamily;
import org.greenplan.layer.Layer;
import org.greenplan.layer.LayerNotFoundException;
import org.greenplan.layer.LayerRepository;
import org.greenplan.layer.LayerVersion;
import org.greenplan.limits.Bulkheads;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Layer downloads in the analysts' formats: ogr2ogr reads one version of a layer straight from PostGIS
 * (its jsonb attributes as columns, numbers kept as numbers) and writes a zipped shapefile (.prj, and a
 * .cpg saying UTF-8), a GeoPackage, GeoJSON or CSV, in EPSG:4326 or any EPSG code PROJ knows. GCJ-02 and
 * BD-09, which no CRS database holds, are the inverse of the import's conversion: the features are
 * converted in Java into a GeoJSON file that ogr2ogr then writes out.
 */
@Service
public class LayerExport {

    private static final Pattern EPSG = Pattern.compile("(?i)(?:epsg:)?(\\d{4,6})");

    private final GdalRunner gdal;
    private final ImportSettings settings;
    private final LayerRepository layers;
    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final Bulkheads bulkheads;

    public LayerExport(GdalRunner gdal, ImportSettings settings, LayerRepository layers, JdbcTemplate jdbc,
            DataSource dataSource, Bulkheads bulkheads) {
        this.gdal = gdal;
        this.settings = settings;
        this.layers = layers;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.bulkheads = bulkheads;
    }

    /** The formats offered, by their query value. */
    public enum Format {
        SHP("shp", "ESRI Shapefile", "application/zip", "zip"),
        GPKG("gpkg", "GPKG", "application/geopackage+sqlite3", "gpkg"),
        GEOJSON("geojson", "GeoJSON", "application/geo+json", "geojson"),
        CSV("csv", "CSV", "text/csv; charset=UTF-8", "csv");

        final String id;
        final String driver;
        final String contentType;
        final String extension;

        Format(String id, String driver, String contentType, String extension) {
            this.id = id;
            this.driver = driver;
            this.contentType = contentType;
            this.extension = extension;
        }

        public static Format parse(String field, String value) {
            for (Format f : values()) {
                if (f.id.equalsIgnoreCase(value == null ? "" : value.trim())) {
                    return f;
                }
            }
            throw new ExportRefusedException(field, "format '" + value + "' is not offered; choose shp, gpkg, geojson "
                    + "or csv");
        }
    }

    /** A request the export cannot serve (unknown format or CRS, a mix of geometry types for a shapefile). */
    public static class ExportRefusedException extends org.greenplan.FieldException {
        public ExportRefusedException(String field, String message) {
            super(Category.INVALID, field, message);
        }
    }

    /** A written export: send {@code file}, then {@link #close()} removes it. */
    public record ExportFile(Path file, String fileName, String contentType, Path dir) implements AutoCloseable {
        @Override
        public void close() {
            ImportJobs.deleteTree(dir);
        }
    }

    /** The target CRS: an EPSG code for ogr2ogr's -t_srs, or a web-map system converted in Java. */
    record TargetCrs(String epsg, ChinaCoordinates.System web) {
    }

    TargetCrs targetCrs(String crs) {
        if (crs == null || crs.isBlank()) {
            return new TargetCrs("EPSG:4326", ChinaCoordinates.System.WGS84);
        }
        String c = crs.trim();
        if (c.matches("(?i)gcj-?02|bd-?09|bd09ll|wgs84")) {
            ChinaCoordinates.System web = ChinaCoordinates.System.parse(c);
            return new TargetCrs("EPSG:4326", web);
        }
        Matcher m = EPSG.matcher(c);
        if (!m.matches()) {
            throw new ExportRefusedException("crs", "crs must be 4326, an EPSG code (e.g. EPSG:4549), gcj02 or bd09, "
                    + "not '" + crs + "'");
        }
        int srid = Integer.parseInt(m.group(1));
        if (jdbc.queryForObject("SELECT count(*) FROM spatial_ref_sys WHERE srid = ?", Long.class, srid) == 0) {
            throw new ExportRefusedException("crs", "EPSG:" + srid + " is not a known coordinate reference system");
        }
        return new TargetCrs("EPSG:" + srid, ChinaCoordinates.System.WGS84);
    }

    /** Writes version {@code versionNumber} (null: the current one) of a layer; the caller closes the result. */
    public ExportFile export(String workspace, String layerId, Integer versionNumber, String format, String crs) {
        Format f = Format.parse("format", format);
        TargetCrs target = targetCrs(crs);
        Layer layer = layers.find(workspace, layerId).orElseThrow(() -> new LayerNotFoundException(layerId));
        LayerVersion version = versionNumber == null ? layer.current()
                : layers.findVersion(workspace, layerId, versionNumber).orElseThrow(() -> new ExportRefusedException("version",
                        "layer '" + layerId + "' has no version " + versionNumber));
        if (version == null) {
            throw new ExportRefusedException("layer", "layer '" + layerId + "' has no version yet");
        }
        String base = layer.id() + "-v" + version.version()
                + (target.web() != ChinaCoordinates.System.WGS84 ? "-" + target.web().name().toLowerCase(Locale.ROOT)
                        : target.epsg().equals("EPSG:4326") ? "" : "-" + target.epsg().substring(5));
        Path dir = settings.workDir().resolve(UUID.randomUUID().toString());
        // each export is an ogr2ogr process with a database connection: a bounded number at once
        try (Bulkheads.Permit slot = bulkheads.enter(Bulkheads.Kind.EXPORT)) {
            Files.createDirectories(dir.resolve("out"));
            Path out = dir.resolve("out").resolve(layer.id() + (f == Format.SHP ? ".shp" : "." + f.extension));
            List<String> cmd = new ArrayList<>(List.of("ogr2ogr", "-f", f.driver, out.toString()));
            if (target.web() == ChinaCoordinates.System.WGS84) {
                cmd.addAll(List.of(gdal.pgReaderDatasource(), "-sql", selectSql(version.id(), f == Format.CSV),
                        "-t_srs", target.epsg()));
            } else {
                cmd.addAll(List.of(webMapGeoJson(version.id(), target.web(), f == Format.CSV, dir.resolve("web.geojson"))
                        .toString(), "-a_srs", "EPSG:4326"));
            }
            cmd.addAll(List.of("-nln", layer.id()));
            cmd.addAll(layerOptions(f, layer.kind().geometry()));
            // reads PostGIS (or our own GeoJSON) and writes one file format: the sandbox with those drivers only
            GdalRunner.Result r = gdal.run(GdalRunner.Access.files(dir, "GeoJSON", f.driver).withReaderDatabase(), cmd,
                    settings.gdalTimeout(), null);
            if (r.exitCode() != 0 || !Files.exists(out)) {
                throw new ExportRefusedException("format", "ogr2ogr could not write " + f.id + ": "
                        + GdalRunner.errorLines(r.output()));
            }
            if (f == Format.SHP) {
                Path zip = dir.resolve(base + ".zip");
                zipShapefile(dir.resolve("out"), zip);
                return new ExportFile(zip, base + ".zip", f.contentType, dir);
            }
            return new ExportFile(out, base + "." + f.extension, f.contentType, dir);
        } catch (IOException e) {
            ImportJobs.deleteTree(dir);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            ImportJobs.deleteTree(dir);
            throw e;
        }
    }

    /**
     * A GeoJSON FeatureCollection made by the server (e.g. a scenario's diff) as a GeoPackage file named
     * {@code name}.gpkg, one table {@code name}, written by ogr2ogr in the sandbox.
     */
    public ExportFile geoJsonAsGeoPackage(String geoJson, String name) {
        Path dir = settings.workDir().resolve(UUID.randomUUID().toString());
        try (Bulkheads.Permit slot = bulkheads.enter(Bulkheads.Kind.EXPORT)) {
            Files.createDirectories(dir.resolve("out"));
            Path in = dir.resolve("in.geojson");
            Files.writeString(in, geoJson);
            Path out = dir.resolve("out").resolve(name + ".gpkg");
            GdalRunner.Result r = gdal.run(GdalRunner.Access.files(dir, "GeoJSON", Format.GPKG.driver), List.of("ogr2ogr",
                    "-f", Format.GPKG.driver, out.toString(), in.toString(), "-nln", name, "-lco", "GEOMETRY_NAME=geom",
                    "-nlt", "PROMOTE_TO_MULTI"), settings.gdalTimeout(), null);
            if (r.exitCode() != 0 || !Files.exists(out)) {
                throw new ExportRefusedException("f", "ogr2ogr could not write a GeoPackage: "
                        + GdalRunner.errorLines(r.output()));
            }
            return new ExportFile(out, name + ".gpkg", Format.GPKG.contentType, dir);
        } catch (IOException e) {
            ImportJobs.deleteTree(dir);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            ImportJobs.deleteTree(dir);
            throw e;
        }
    }

    /** The geometry type a file layer declares for a kind's family: multi, since a layer mixes single and multi parts. */
    private static String declaredType(GeometryFamily family) {
        return switch (family) {
            case POLYGON -> "MULTIPOLYGON";
            case LINE -> "MULTILINESTRING";
            case POINT -> "POINT";
            case ANY -> "PROMOTE_TO_MULTI";
        };
    }

    private static List<String> layerOptions(Format f, GeometryFamily family) {
        List<String> o = new ArrayList<>();
        switch (f) {
            case SHP -> {
                o.addAll(List.of("-lco", "ENCODING=UTF-8"));
                o.addAll(List.of("-nlt", declaredType(family)));
            }
            case CSV -> {
                // a byte-order mark so that Excel, where analysts open CSV, reads the Chinese as UTF-8
                o.addAll(List.of("-lco", "WRITE_BOM=YES"));
                if (family == GeometryFamily.POINT) {
                    o.addAll(List.of("-nlt", "POINT", "-lco", "GEOMETRY=AS_XY"));
                } else {
                    o.addAll(List.of("-lco", "GEOMETRY=AS_WKT"));
                }
            }
            // the layer's geometry type, not "Unknown (any)", so QGIS and ArcGIS open it as a polygon/line/point layer
            case GPKG -> o.addAll(List.of("-lco", "GEOMETRY_NAME=geom", "-nlt", declaredType(family)));
            case GEOJSON -> {
            }
        }
        return o;
    }

    /**
     * The SELECT ogr2ogr runs: each attribute key as a column (numbers as bigint or double precision when
     * every value is one). PostgreSQL's format() quotes the keys, which come from uploaded files. For a
     * spreadsheet (CSV) the column names and the text values are neutralised ({@link CsvCells}); in a column
     * of text and numbers only the values that were text, so a -3.5 stays -3.5.
     */
    String selectSql(long versionId, boolean spreadsheet) {
        String name = spreadsheet ? CsvCells.sqlText("key") : "key";
        String textValue = spreadsheet ? "CASE WHEN jsonb_typeof(properties -> %1$L) = ''string'' THEN "
                + CsvCells.sqlText("(properties ->> %1$L)").replace("'", "''") + " ELSE properties ->> %1$L END AS %2$I"
                : "properties ->> %1$L AS %2$I";
        String columns = jdbc.queryForObject("""
                WITH k AS (
                    SELECT e.key, min(e.ord) AS ord,
                           bool_and(jsonb_typeof(e.value) = 'number') AS numeric,
                           bool_and(e.value::text ~ '^-?[0-9]{1,18}$') AS integral
                      FROM feature f, jsonb_each(f.properties) WITH ORDINALITY AS e(key, value, ord)
                     WHERE f.version_id = ? AND jsonb_typeof(e.value) <> 'null' AND e.key <> 'geom'
                     GROUP BY e.key)
                SELECT string_agg(format(CASE WHEN numeric AND integral THEN '(properties ->> %%1$L)::bigint AS %%2$I'
                                              WHEN numeric THEN '(properties ->> %%1$L)::double precision AS %%2$I'
                                              ELSE '%s' END, key, %s), ', ' ORDER BY ord, key)
                  FROM k""".formatted(textValue, name), String.class, versionId);
        return "SELECT " + (columns == null ? "" : columns + ", ") + "geom FROM feature WHERE version_id = "
                + versionId + " ORDER BY id";
    }

    /**
     * The version's features converted to {@code web}, as a GeoJSON file for ogr2ogr; for a spreadsheet with
     * the attribute names and text values neutralised as in {@link #selectSql}.
     */
    private Path webMapGeoJson(long versionId, ChinaCoordinates.System web, boolean spreadsheet, Path file)
            throws IOException {
        String properties = !spreadsheet ? "properties::text"
                : "(SELECT coalesce(jsonb_object_agg(" + CsvCells.sqlText("key") + ", CASE WHEN jsonb_typeof(value) = 'string'"
                        + " THEN to_jsonb(" + CsvCells.sqlText("(value #>> '{}')") + ") ELSE value END), '{}'::jsonb)"
                        + " FROM jsonb_each(properties))::text";
        WKBReader wkb = new WKBReader(GeoJson.WGS84);
        try (Connection c = dataSource.getConnection();
                BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            c.setAutoCommit(false);
            out.write("{\"type\":\"FeatureCollection\",\"features\":[\n");
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + properties + ", ST_AsBinary(geom) FROM feature WHERE version_id = ? ORDER BY id")) {
                ps.setFetchSize(5000);
                ps.setLong(1, versionId);
                try (ResultSet rs = ps.executeQuery()) {
                    boolean first = true;
                    while (rs.next()) {
                        Geometry g = wkb.read(rs.getBytes(2));
                        ChinaCoordinates.apply(g, web, false);
                        out.write(first ? "" : ",\n");
                        first = false;
                        out.write("{\"type\":\"Feature\",\"properties\":" + rs.getString(1) + ",\"geometry\":"
                                + GeoJson.write(g, 9) + "}");
                    }
                }
            } finally {
                c.rollback();
            }
            out.write("\n]}\n");
        } catch (SQLException | ParseException e) {
            throw new IllegalStateException("cannot read the layer's features: " + e.getMessage(), e);
        }
        return file;
    }

    /** Zips the shapefile's parts (.shp .shx .dbf .prj .cpg) flat, as analysts expect them. */
    private static void zipShapefile(Path dir, Path zip) throws IOException {
        try (Stream<Path> files = Files.list(dir);
                OutputStream os = Files.newOutputStream(zip);
                ZipOutputStream out = new ZipOutputStream(os)) {
            for (Path p : files.sorted().toList()) {
                out.putNextEntry(new ZipEntry(p.getFileName().toString()));
                Files.copy(p, out);
                out.closeEntry();
            }
        }
    }
}
