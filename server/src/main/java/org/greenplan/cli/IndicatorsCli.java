package org.greenplan.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.greenplan.geo.Feature;
import org.greenplan.geo.GeoJsonException;
import org.greenplan.geo.GeoJsonFeature;
import org.greenplan.geo.GeoJsonFeatureReader;
import org.greenplan.indicator.AreaBreakdown;
import org.greenplan.indicator.IndicatorCatalogue;
import org.greenplan.indicator.IndicatorDefinition;
import org.greenplan.indicator.IndicatorResult;
import org.greenplan.indicator.InvalidParameterException;
import org.greenplan.indicator.Layers;
import org.greenplan.indicator.ParameterSpec;
import org.greenplan.ingest.GdalSandbox;
import org.greenplan.kind.LayerKind;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code indicators}: computes the indicators straight from files (any format GDAL reads) with the same
 * engine as the server, and prints a table, or JSON with {@code --json}. No Spring, no database.
 */
public final class IndicatorsCli {

    static final Map<String, LayerKind> OPTIONS = new LinkedHashMap<>();

    static {
        OPTIONS.put("--residential", LayerKind.RESIDENTIAL);
        OPTIONS.put("--parks", LayerKind.PARK);
        OPTIONS.put("--green-space", LayerKind.GREEN_SPACE);
        OPTIONS.put("--admin", LayerKind.ADMIN_AREA);
        OPTIONS.put("--built-up", LayerKind.BUILT_UP_AREA);
        OPTIONS.put("--greenways", LayerKind.GREENWAY);
        OPTIONS.put("--sponge", LayerKind.SPONGE_ZONE);
        OPTIONS.put("--forest", LayerKind.FOREST);
        OPTIONS.put("--facilities", LayerKind.FACILITY);
        OPTIONS.put("--construction", LayerKind.CONSTRUCTION_LAND);
        OPTIONS.put("--red-line", LayerKind.ECOLOGICAL_RED_LINE);
        OPTIONS.put("--farmland", LayerKind.PERMANENT_FARMLAND);
        OPTIONS.put("--boundary", LayerKind.TOWN_DEVELOPMENT_BOUNDARY);
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long OGR_TIMEOUT_MINUTES = 30;

    /** A usage error: printed with the usage text, exit code 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    private IndicatorsCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit code (0 ok, 1 failure, 2 usage). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            return execute(args, out, err);
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println(usage());
            return 2;
        } catch (InvalidParameterException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (IOException | GeoJsonException | IllegalStateException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    static String usage() {
        return """
                usage: greenplan-indicators [layer files] [--indicator ID]... [--param NAME=VALUE]... [--json]
                  layer files (any format GDAL reads; repeat an option to combine files of one kind):
                    %s
                  --indicator ID   compute only this indicator (default: every one whose required layers are given)
                  --param N=V      an indicator parameter, e.g. largeParkRadius=500 (applies to the indicators that have it)
                  --json           machine-readable output
                indicators: %s""".formatted(String.join(" ", OPTIONS.keySet().stream().map(o -> o + " FILE").toList()),
                IndicatorCatalogue.all().stream().map(IndicatorDefinition::id).toList());
    }

    private static int execute(String[] args, PrintStream out, PrintStream err) throws IOException {
        Map<LayerKind, List<Path>> files = new LinkedHashMap<>();
        List<String> wanted = new ArrayList<>();
        Map<String, String> params = new LinkedHashMap<>();
        boolean json = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--json")) {
                json = true;
            } else if (a.equals("-h") || a.equals("--help")) {
                out.println(usage());
                return 0;
            } else if (i + 1 >= args.length) {
                throw new UsageException(a.startsWith("--") ? a + " needs a value" : "unexpected argument '" + a + "'");
            } else if (OPTIONS.containsKey(a)) {
                Path p = Path.of(args[++i]);
                if (!Files.exists(p)) {
                    throw new UsageException("no such file: " + p);
                }
                files.computeIfAbsent(OPTIONS.get(a), k -> new ArrayList<>()).add(p);
            } else if (a.equals("--indicator")) {
                String id = args[++i];
                if (IndicatorCatalogue.definition(id).isEmpty()) {
                    throw new UsageException("unknown indicator '" + id + "'");
                }
                wanted.add(id);
            } else if (a.equals("--param")) {
                String kv = args[++i];
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw new UsageException("--param takes NAME=VALUE, not '" + kv + "'");
                }
                params.put(kv.substring(0, eq), kv.substring(eq + 1));
            } else {
                throw new UsageException("unknown option '" + a + "'");
            }
        }
        if (files.isEmpty()) {
            throw new UsageException("give at least one layer file");
        }
        List<IndicatorDefinition> defs = new ArrayList<>();
        for (IndicatorDefinition d : IndicatorCatalogue.all()) {
            boolean computable = files.keySet().containsAll(d.required());
            if (wanted.isEmpty() ? computable : wanted.contains(d.id())) {
                if (!computable) {
                    throw new UsageException(d.id() + " needs " + d.required().stream()
                            .filter(k -> !files.containsKey(k)).map(k -> k.id()).toList() + " layer file(s)");
                }
                defs.add(d);
            }
        }
        if (defs.isEmpty()) {
            throw new UsageException("no indicator can be computed from the layers given");
        }
        for (String name : params.keySet()) {
            if (defs.stream().noneMatch(d -> d.parameters().stream().anyMatch(p -> p.name().equals(name)))) {
                throw new UsageException("no selected indicator has a parameter '" + name + "'");
            }
        }

        Layers.Builder b = Layers.builder();
        for (var e : files.entrySet()) {
            for (Path p : e.getValue()) {
                long t = System.nanoTime();
                List<Feature> fs = read(p);
                b.add(e.getKey(), fs);
                err.printf(Locale.ROOT, "read %-18s %,8d features from %s (%.1f s)%n", e.getKey().id(), fs.size(), p,
                        (System.nanoTime() - t) / 1e9);
            }
        }
        Layers layers = b.build();
        List<IndicatorResult> results = new ArrayList<>();
        for (IndicatorDefinition d : defs) {
            Map<String, String> mine = new LinkedHashMap<>();
            params.forEach((k, v) -> {
                if (d.parameters().stream().map(ParameterSpec::name).anyMatch(k::equals)) {
                    mine.put(k, v);
                }
            });
            long t = System.nanoTime();
            results.add(d.create(mine).compute(layers));
            err.printf(Locale.ROOT, "computed %s (%.2f s)%n", d.id(), (System.nanoTime() - t) / 1e9);
        }
        if (json) {
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results.stream()
                    .map(r -> asJson(r, files)).toList()));
        } else {
            table(results, out);
        }
        return 0;
    }

    private static Map<String, Object> asJson(IndicatorResult r, Map<LayerKind, List<Path>> files) {
        Map<String, Object> m = new LinkedHashMap<>();
        IndicatorDefinition d = IndicatorCatalogue.definition(r.indicatorId()).orElseThrow();
        m.put("indicator", r.indicatorId());
        m.put("name", Map.of("zh", d.nameZh(), "en", d.nameEn()));
        m.put("value", r.hasValue() ? r.value() : null);
        m.put("noDataReason", r.noDataReason());
        m.put("unit", r.unit());
        m.put("numerator", r.numerator());
        m.put("denominator", r.denominator());
        m.put("measures", r.measures());
        List<Map<String, Object>> breakdown = new ArrayList<>();
        for (AreaBreakdown a : r.breakdown()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("areaId", a.areaId());
            row.put("areaName", a.areaName());
            row.put("value", Double.isNaN(a.value()) ? null : a.value());
            row.put("numerator", a.numerator());
            row.put("denominator", a.denominator());
            breakdown.add(row);
        }
        m.put("breakdown", breakdown);
        m.put("parameters", new java.util.TreeMap<>(r.parameters()));
        m.put("measuredInEpsg", r.measuredInEpsg());
        m.put("notes", r.notes());
        Map<String, List<String>> inputs = new LinkedHashMap<>();
        files.forEach((k, v) -> inputs.put(k.id(), v.stream().map(Path::toString).toList()));
        m.put("inputs", inputs);
        return m;
    }

    private static void table(List<IndicatorResult> results, PrintStream out) {
        out.printf("%-24s %-34s %12s %-15s %16s %16s%n", "indicator", "name", "value", "unit", "numerator", "denominator");
        for (IndicatorResult r : results) {
            IndicatorDefinition d = IndicatorCatalogue.definition(r.indicatorId()).orElseThrow();
            out.printf(Locale.ROOT, "%-24s %-34s %12.3f %-15s %16.1f %16.1f%n", r.indicatorId(), d.nameEn(), r.value(),
                    r.unit(), r.numerator(), r.denominator());
        }
    }

    /**
     * The features of a file in lon/lat, read by GDAL ({@code ogr2ogr -f GeoJSON /vsistdout/ FILE -t_srs
     * EPSG:4326}) and streamed into the GeoJSON reader; the first layer of multi-layer files.
     */
    static List<Feature> read(Path file) throws IOException {
        // an absolute path: a name starting with '-' or 'PG:' would not be read as a file
        ProcessBuilder pb = new ProcessBuilder("ogr2ogr", "-f", "GeoJSON", "/vsistdout/",
                file.toAbsolutePath().normalize().toString(), "-t_srs", "EPSG:4326");
        Path errFile = Files.createTempFile("greenplan-ogr2ogr", ".log");
        pb.redirectError(errFile.toFile());
        // the server's sandbox: the upload formats' drivers (and GeoJSON to write), no VRT, no network, an
        // environment of its own
        List<String> drivers = new ArrayList<>(GdalSandbox.INPUT_DRIVERS);
        pb.environment().clear();
        pb.environment().putAll(GdalSandbox.environment(errFile.getParent(), drivers));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IOException("cannot run ogr2ogr (install GDAL: apt-get install gdal-bin): " + e.getMessage(), e);
        }
        List<Feature> features = new ArrayList<>();
        try (InputStream in = p.getInputStream(); GeoJsonFeatureReader reader = new GeoJsonFeatureReader(in)) {
            while (reader.hasNext()) {
                GeoJsonFeature f = reader.next();
                if (f.geometry() != null && !f.geometry().isEmpty()) {
                    String id = f.id() != null ? f.id() : Long.toString(f.index());
                    features.add(new Feature(id, f.geometry(), attributes(f.properties())));
                }
            }
        } catch (GeoJsonException e) {
            p.destroyForcibly();
            throw new IOException(file + ": " + e.getMessage() + stderr(errFile), e);
        }
        try {
            if (!p.waitFor(OGR_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("ogr2ogr on " + file + " took longer than " + OGR_TIMEOUT_MINUTES + " minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("ogr2ogr could not read " + file + stderr(errFile));
        }
        Files.deleteIfExists(errFile);
        return features;
    }

    private static String stderr(Path errFile) throws IOException {
        String s = Files.readString(errFile).trim();
        Files.deleteIfExists(errFile);
        return s.isEmpty() ? "" : ": " + s;
    }

    private static Map<String, Object> attributes(JsonNode props) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : props.properties()) {
            JsonNode v = e.getValue();
            m.put(e.getKey(), v.isNull() ? null : v.isNumber() ? v.numberValue() : v.isBoolean() ? v.booleanValue()
                    : v.isString() ? v.stringValue() : v.toString());
        }
        return m;
    }
}
