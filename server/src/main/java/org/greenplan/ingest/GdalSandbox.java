package org.greenplan.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a GDAL child process (ogrinfo, ogr2ogr) may see and do. GDAL picks a driver by content and follows
 * references inside files (an OGR VRT's {@code <SrcDataSource>} may name {@code PG:…}, a local path or a
 * URL), so every process gets:
 * <ul>
 * <li>an environment built from an <b>empty</b> map: only {@code PATH}, {@code LANG}, {@code LANGUAGE},
 * {@code LC_*}, {@code TZ}, {@code LD_LIBRARY_PATH}, {@code GDAL_DATA}, {@code PROJ_LIB}, {@code PROJ_DATA}
 * are copied from the server's (when set), so no server secret ({@code GREENPLAN_*}, {@code PGPASSWORD},
 * tokens) reaches it; the database password is added by {@link GdalRunner} only to the import's ogr2ogr;</li>
 * <li>the drivers it may load: every driver GDAL knows ({@code gdalinfo --formats}, {@code ogrinfo
 * --formats}) except the ones the call names goes into {@code GDAL_SKIP}. This is {@code -if} for GDAL
 * 3.6, whose ogrinfo and ogr2ogr lack that option: the upload's driver (chosen from the extension and
 * confirmed by {@link UploadContent}), plus the output driver. {@link #ALWAYS_SKIPPED} are skipped whatever
 * the call asks for.</li>
 * </ul>
 * and these configuration options ({@link #CONFIG}), set in the environment, where GDAL reads them:
 * <ul>
 * <li>{@code GDAL_SKIP} — as above; among others VRT and OGR_VRT (files that open other datasources), the
 * network drivers (WFS, OAPIF, OGCAPI, CSW, EEDA, Elasticsearch, Carto, AmigoCloud, NGW, PLSCENES, HTTP),
 * other databases (PostgreSQL except for the import's output, MySQL, ODBC, MSSQLSpatial, SQLite, whose
 * VirtualOGR opens any datasource), GPSBabel (runs a program) and LIBKML (the KML driver is used);</li>
 * <li>{@code GDAL_DRIVER_PATH=disable} — no plugin drivers are loaded from disk;</li>
 * <li>{@code CPL_VSIL_CURL_ALLOWED_EXTENSIONS=.greenplan-no-network} — /vsicurl/ (and the cloud file
 * systems built on it) opens only names with this extension, i.e. none;</li>
 * <li>{@code CPL_VSIL_CURL_USE_HEAD=NO} — no HEAD probe before a refused read;</li>
 * <li>{@code GDAL_HTTP_PROXY=127.0.0.1:9} — any HTTP request GDAL still makes (geocoding, a URL in a
 * field) goes to the discard port of this host and is refused; curl honours the option for every host
 * and no {@code NO_PROXY} is passed;</li>
 * <li>{@code GDAL_HTTP_TIMEOUT=1}, {@code GDAL_HTTP_CONNECTTIMEOUT=1}, {@code GDAL_HTTP_MAX_RETRY=0} — such a
 * request fails within a second, once;</li>
 * <li>{@code CPL_CURL_ENABLE_VSIMEM=NO} — no http:// reads served from /vsimem/;</li>
 * <li>{@code ALLOW_OGR_SQL_FUNCTIONS_FROM_TRIGGER_AND_VIEW=NO}, {@code ALLOW_VIRTUAL_OGR_FROM_TRIGGER_AND_VIEW=NO}
 * — a GeoPackage whose view or trigger calls GDAL's SQL functions (ogr_geocode, ogr_datasource_load_layers)
 * or a VirtualOGR table is not opened (GDAL 3.6's defaults, pinned here);</li>
 * <li>{@code OGR_SQLITE_ALLOW_EXTERNAL_ACCESS=NO} — the same protection's name in later GDAL versions, which
 * 3.6 ignores; {@code OGR_SQLITE_LOAD_EXTENSIONS} is never set, so SQLite loads no extension;</li>
 * <li>{@code GDAL_VRT_ENABLE_PYTHON=NO} — no Python pixel functions, should a VRT ever be opened;</li>
 * <li>{@code GDAL_PAM_ENABLED=NO} — no .aux.xml side files are read or written;</li>
 * <li>{@code GDAL_DISABLE_READDIR_ON_OPEN=EMPTY_DIR} — GDAL does not list the dataset's directory when it
 * opens a file (shapefile sidecars are still found: the driver asks for them by name);</li>
 * <li>{@code PROJ_NETWORK=OFF} — PROJ fetches no grid from the network;</li>
 * <li>{@code CPL_DEBUG=OFF}, {@code PGCLIENTENCODING=UTF8} — quiet output, UTF-8 with PostgreSQL;</li>
 * <li>{@code HOME} and {@code CPL_TMPDIR} — the job's own directory: no user configuration file
 * ({@code ~/.gdal/gdalrc}, {@code ~/.pgpass}) is read and temporary files stay with the job.</li>
 * </ul>
 * Paths: {@link #dataset} hands GDAL only the real path of a file inside the job's directory (no symbolic
 * link, never a /vsi… name or a connection string), and {@link #layer} refuses a layer name GDAL would take
 * for an option. {@code GDAL_DATA} is left as the server has it.
 */
public final class GdalSandbox {

    /** The drivers an upload may be read with, one per accepted format. */
    public static final Set<String> INPUT_DRIVERS = Set.of("ESRI Shapefile", "GPKG", "OpenFileGDB", "GeoJSON", "KML",
            "DXF", "CSV", "XLSX");

    /** Skipped even when a call names them (and when the driver list cannot be read). */
    static final List<String> ALWAYS_SKIPPED = List.of("VRT", "OGR_VRT", "DERIVED", "GTI", "WFS", "OAPIF", "OGCAPI",
            "CSW", "EEDA", "Elasticsearch", "Carto", "AmigoCloud", "NGW", "PLSCENES", "HTTP", "GPSBabel", "LIBKML",
            "SQLite", "MySQL", "ODBC", "MSSQLSpatial", "PGeo", "OGR_OGDI", "WMS", "WMTS", "WCS", "DAAS", "STACIT",
            "STACTA", "ESRIC", "GMLAS", "GML", "NAS", "PDF", "netCDF", "MBTiles", "PostGISRaster");

    /** The fixed configuration options; see the class comment for why each is set. */
    static final Map<String, String> CONFIG;

    static {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("GDAL_DRIVER_PATH", "disable");
        c.put("CPL_VSIL_CURL_ALLOWED_EXTENSIONS", ".greenplan-no-network");
        c.put("CPL_VSIL_CURL_USE_HEAD", "NO");
        c.put("GDAL_HTTP_PROXY", "127.0.0.1:9");
        c.put("GDAL_HTTP_TIMEOUT", "1");
        c.put("GDAL_HTTP_CONNECTTIMEOUT", "1");
        c.put("GDAL_HTTP_MAX_RETRY", "0");
        c.put("CPL_CURL_ENABLE_VSIMEM", "NO");
        c.put("ALLOW_OGR_SQL_FUNCTIONS_FROM_TRIGGER_AND_VIEW", "NO");
        c.put("ALLOW_VIRTUAL_OGR_FROM_TRIGGER_AND_VIEW", "NO");
        c.put("OGR_SQLITE_ALLOW_EXTERNAL_ACCESS", "NO");
        c.put("GDAL_VRT_ENABLE_PYTHON", "NO");
        c.put("GDAL_PAM_ENABLED", "NO");
        c.put("GDAL_DISABLE_READDIR_ON_OPEN", "EMPTY_DIR");
        c.put("PROJ_NETWORK", "OFF");
        c.put("CPL_DEBUG", "OFF");
        c.put("PGCLIENTENCODING", "UTF8");
        CONFIG = java.util.Collections.unmodifiableMap(c);
    }

    /** Server variables a GDAL process needs to run at all; nothing else is inherited. */
    private static final List<String> INHERITED = List.of("PATH", "LANG", "LANGUAGE", "TZ", "LD_LIBRARY_PATH",
            "GDAL_DATA", "PROJ_LIB", "PROJ_DATA");
    private static final Pattern FORMAT_LINE = Pattern.compile("^\\s+(\\S.*?) -[a-z ,]+- \\(");
    /** A datasource name GDAL would read as a connection string or virtual file system ("PG:", "/vsicurl/"). */
    private static final Pattern NOT_A_FILE = Pattern.compile("^(?:/vsi|[A-Za-z][A-Za-z0-9_ ]*:).*");

    private static volatile List<String> allDrivers;

    private GdalSandbox() {
    }

    /**
     * The environment of a GDAL process working in {@code workDir} that may load only {@code drivers}
     * (short names, e.g. "KML", "GeoJSON").
     */
    public static Map<String, String> environment(Path workDir, Collection<String> drivers) {
        Map<String, String> env = baseEnvironment(workDir);
        env.put("GDAL_SKIP", String.join(",", skipped(drivers)));
        return env;
    }

    private static Map<String, String> baseEnvironment(Path workDir) {
        Map<String, String> env = new LinkedHashMap<>();
        System.getenv().forEach((k, v) -> {
            if (INHERITED.contains(k) || k.startsWith("LC_")) {
                env.put(k, v);
            }
        });
        env.putIfAbsent("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.putAll(CONFIG);
        Path home = workDir.toAbsolutePath().normalize();
        env.put("HOME", home.toString());
        env.put("CPL_TMPDIR", home.toString());
        return env;
    }

    /** GDAL_SKIP's list: every known driver but {@code allowed}, and {@link #ALWAYS_SKIPPED} whatever. */
    static List<String> skipped(Collection<String> allowed) {
        Set<String> skip = new LinkedHashSet<>(ALWAYS_SKIPPED);
        for (String d : allDrivers()) {
            if (!allowed.contains(d)) {
                skip.add(d);
            }
        }
        return new ArrayList<>(skip);
    }

    /** The short names of every raster and vector driver of the installed GDAL, read once. */
    static List<String> allDrivers() {
        List<String> d = allDrivers;
        if (d == null) {
            synchronized (GdalSandbox.class) {
                if (allDrivers == null) {
                    Set<String> names = new LinkedHashSet<>();
                    names.addAll(formats("gdalinfo"));
                    names.addAll(formats("ogrinfo"));
                    // not kept when GDAL could not be asked: the next call asks again (meanwhile
                    // ALWAYS_SKIPPED still holds, and the upload's content has been checked)
                    if (names.isEmpty()) {
                        return List.of();
                    }
                    allDrivers = List.copyOf(names);
                }
                d = allDrivers;
            }
        }
        return d;
    }

    private static List<String> formats(String tool) {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        ProcessBuilder pb = new ProcessBuilder(tool, "--formats").redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(baseEnvironment(tmp));
        pb.environment().put("GDAL_SKIP", String.join(",", ALWAYS_SKIPPED));
        List<String> names = new ArrayList<>();
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return names;
            }
            for (String line : out.lines().toList()) {
                Matcher m = FORMAT_LINE.matcher(line);
                if (m.find()) {
                    names.add(m.group(1));
                }
            }
        } catch (IOException e) {
            // GDAL is not installed: the commands themselves will fail with a clear message
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return names;
    }

    /**
     * The name to give GDAL for {@code dataset}: its real path, which must lie inside {@code jobDir} and be
     * reached without a symbolic link; never a /vsi… name or a connection string.
     */
    public static String dataset(Path dataset, Path jobDir) {
        String name = dataset.getFileName() == null ? dataset.toString() : dataset.getFileName().toString();
        Path jobAbsolute = jobDir.toAbsolutePath().normalize();
        Path absolute = dataset.toAbsolutePath().normalize();
        if (!absolute.startsWith(jobAbsolute)) {
            throw new RejectedUploadException("file", "'" + name + "' lies outside the upload");
        }
        try {
            Path root = jobDir.toRealPath();
            Path real = dataset.toRealPath();
            // a symbolic link on the way makes the real path differ from the plain one
            if (!real.startsWith(root) || !real.equals(root.resolve(jobAbsolute.relativize(absolute)))) {
                throw new RejectedUploadException("file", "'" + name + "' is reached through a symbolic link; "
                        + "links are not accepted");
            }
            String s = real.toString();
            if (!s.startsWith("/") || NOT_A_FILE.matcher(s).matches()) {
                throw new RejectedUploadException("file", "'" + name + "' is not a plain file name");
            }
            return s;
        } catch (IOException e) {
            throw new RejectedUploadException("file", "cannot read '" + name + "': " + e.getMessage());
        }
    }

    /** A layer name for GDAL's command line: one starting with '-' would be read as an option. */
    public static String layer(String layer) {
        if (layer == null || layer.isEmpty() || layer.startsWith("-")) {
            throw new RejectedUploadException("file", "the layer name '" + layer + "' is not accepted (it must not "
                    + "start with '-'); rename the layer or file");
        }
        return layer;
    }

    /** Refuses symbolic links anywhere under {@code root} (zip extraction refuses them; this holds whatever made them). */
    static void refuseLinks(Path root) throws IOException {
        try (var walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                if (Files.isSymbolicLink(p)) {
                    throw new RejectedUploadException("file", "the upload holds a symbolic link ('"
                            + root.relativize(p) + "'); links are not accepted");
                }
            }
        }
    }
}
