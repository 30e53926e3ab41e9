package org.greenplan.batch;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.sedona.spark.SedonaContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.greenplan.geo.Feature;
import org.greenplan.geo.FeatureAttributes;
import org.greenplan.geo.GaussKrugerZone;
import org.greenplan.geo.GeoJson;
import org.greenplan.geo.GeoJsonFeature;
import org.greenplan.geo.GeoJsonFeatureReader;
import org.greenplan.indicator.AreaInputs;
import org.greenplan.indicator.TargetSets;
import org.greenplan.indicator.TargetSets.TargetSet;
import org.greenplan.kind.LayerKind;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import scala.Tuple2;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The province run: every unit (admin area) of a set of layers through {@link UnitIndicators}, in parallel
 * across units on Spark, features assigned to units by a Sedona spatial join with a margin of
 * {@link UnitIndicators#marginMetres()}.
 *
 * <pre>
 *   ProvinceJob (--input DIR | --input-jdbc URL --workspace WS) [--out DIR] [--master local[2]]
 *               [--units-kind admin_area] [--jdbc URL] [--jdbc-user U --jdbc-password P] [--targets SET|none]
 *               [--year YYYY] [--units-code PREFIX]
 * </pre>
 * {@code DIR} holds a {@code layers.json} manifest (the demo generator's: id, kind, file) and the layers it
 * names, as GeoJSON ({@code .geojson}) or GeoParquet ({@code .parquet}); {@code --input-jdbc} reads the current
 * layer versions of workspace {@code WS} from the server's PostGIS instead ({@link PostgisInput}; the
 * {@code --jdbc-user} role), and the run then belongs to that workspace. Results: {@code OUT/batch_result}
 * (GeoParquet, one row per unit, indicator and mode, with the unit's boundary) and, with {@code --jdbc}, a new
 * run in PostGIS ({@code batch_run}, {@code batch_unit}, {@code batch_result}; {@link BatchResultTable}).
 * {@code --units-code PREFIX} runs only the units whose code starts with it (one county's or town's units again,
 * e.g. {@code 330110001}); the features around them are read as for a whole run.
 */
public final class ProvinceJob {

    /** The parsed command line. */
    public record Options(Path input, String inputJdbc, String workspace, Path out, String master, String unitsKind,
            String jdbcUrl, String jdbcUser, String jdbcPassword, String targets, Integer year, String unitsCode) {

        /** The 美丽城镇 set a provincial department assesses its towns against, unless {@code --targets} names another. */
        public static final String DEFAULT_TARGETS = "zhejiang-beautiful-towns";

        public static Options parse(String... args) {
            Path input = null;
            String inputJdbc = null;
            String workspace = null;
            Path out = Path.of("target/batch-out");
            String master = null;
            String unitsKind = LayerKind.ADMIN_AREA.id();
            String url = null;
            String user = null;
            String password = null;
            String targets = DEFAULT_TARGETS;
            Integer year = null;
            String unitsCode = "";
            for (int i = 0; i < args.length; i++) {
                String v = i + 1 < args.length ? args[i + 1] : null;
                if (v == null) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                switch (args[i]) {
                    case "--input" -> input = Path.of(v);
                    case "--input-jdbc" -> inputJdbc = v;
                    case "--workspace" -> workspace = v;
                    case "--out" -> out = Path.of(v);
                    case "--master" -> master = v;
                    case "--units-kind" -> unitsKind = v;
                    case "--jdbc" -> url = v;
                    case "--jdbc-user" -> user = v;
                    case "--jdbc-password" -> password = v;
                    case "--targets" -> targets = v.equals("none") ? null : v;
                    case "--year" -> year = parseYear(v);
                    case "--units-code" -> unitsCode = v;
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + " (use --input DIR "
                            + "or --input-jdbc URL --workspace WS, "
                            + "--out DIR --master M --units-kind KIND --jdbc URL --jdbc-user U --jdbc-password P "
                            + "--targets SET|none --year YYYY --units-code PREFIX)");
                }
                i++;
            }
            if ((input == null) == (inputJdbc == null)) {
                throw new IllegalArgumentException("give --input DIR (a folder with layers.json) or --input-jdbc URL "
                        + "(a workspace's layers in PostGIS), one of them");
            }
            if (inputJdbc != null && workspace == null) {
                throw new IllegalArgumentException("--input-jdbc needs --workspace WS: whose layers to read");
            }
            if (inputJdbc == null && workspace != null) {
                throw new IllegalArgumentException("--workspace goes with --input-jdbc");
            }
            return new Options(input, inputJdbc, workspace, out, master, unitsKind, url, user, password, targets, year,
                    unitsCode);
        }

        private static Integer parseYear(String v) {
            try {
                return Integer.valueOf(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--year must be a year such as 2025, not '" + v + "'");
            }
        }
    }

    /** What a run did: its rows, each row's target status (same order), and how long each stage took. */
    public record Outcome(List<UnitIndicators.Row> rows, List<TargetStatus> targets, Map<String, Long> stageMillis,
            int units, Long runId) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProvinceJob() {
    }

    public static void main(String[] args) {
        Options o = Options.parse(args);
        SparkSession.Builder b = SparkSession.builder().appName("greenplan province run");
        if (o.master() != null) {
            b.master(o.master());
        }
        SparkSession spark = b.getOrCreate();
        try {
            Outcome r = run(spark, o);
            long failed = r.rows().stream().filter(x -> x.reason() != null && Double.isNaN(x.value())).count();
            progress("done: %d units, %d rows (%d without a value, reasons in the rows) → %s", r.units(),
                    r.rows().size(), failed, o.out().resolve("batch_result"));
        } finally {
            spark.stop();
        }
    }

    /** Runs the job on a session the caller owns (the test's, the benchmark's). */
    public static Outcome run(SparkSession spark, Options o) {
        Map<String, Long> stages = new TreeMap<>();
        SedonaContext.create(spark);
        StageProgress.attach(spark);
        long t0 = System.nanoTime();
        TargetSets targetSets = targetSets();
        Optional<TargetSet> set = o.targets() == null ? Optional.empty() : Optional.of(targetSets.find(o.targets())
                .orElseThrow(() -> new IllegalArgumentException("--targets: unknown target set '" + o.targets()
                        + "'; known: " + targetSets.ids())));
        Instant computedAt = Instant.now();

        // 1. the layers, one row per feature: kind, its place in its layer (the order the server reads), geometry
        Input in = o.inputJdbc() != null ? postgis(spark, o) : files(spark, o);
        Dataset<Row> features = in.features();
        String inputs = in.inputs();
        features.createOrReplaceTempView("features");

        // 2. the units and their reach (the unit's envelope grown by the margin), on the driver: a province has
        // a few thousand at most
        double margin = UnitIndicators.marginMetres();
        List<Row> unitRows = spark.sql("SELECT ord, props, ST_AsBinary(geometry) AS wkb FROM features WHERE kind = '"
                + o.unitsKind().replace("'", "") + "' ORDER BY ord").collectAsList();
        List<Row> units = new ArrayList<>();
        List<BatchResultTable.Unit> tableUnits = new ArrayList<>();
        for (Row r : unitRows) {
            Map<String, Object> attrs = FeatureAttributes.fromJson(r.getString(1));
            String code = String.valueOf(attrs.getOrDefault("code", "unit-" + r.getLong(0)));
            if (!code.startsWith(o.unitsCode())) {
                continue;
            }
            String name = String.valueOf(attrs.getOrDefault("name", code));
            Geometry area = wkb((byte[]) r.get(2));
            Geometry reach = AreaInputs.around(area.isValid() ? area : area.getEnvelope(), margin);
            units.add(RowFactory.create(code, name, (byte[]) r.get(2), new WKBWriter().write(reach)));
            Object level = attrs.get("level");
            tableUnits.add(new BatchResultTable.Unit(code, name, level == null ? null : level.toString(),
                    (byte[]) r.get(2)));
        }
        if (units.isEmpty()) {
            throw new IllegalArgumentException("no unit to run: no " + o.unitsKind() + " feature"
                    + (o.unitsCode().isEmpty() ? "" : " whose code starts with '" + o.unitsCode() + "'"));
        }
        StructType unitSchema = new StructType().add("code", DataTypes.StringType).add("name", DataTypes.StringType)
                .add("area_wkb", DataTypes.BinaryType).add("reach_wkb", DataTypes.BinaryType);
        spark.createDataFrame(units, unitSchema).selectExpr("code", "name", "area_wkb",
                "ST_GeomFromWKB(reach_wkb) AS reach").createOrReplaceTempView("units");
        // the graphs are measured in the zone of all the roads, as the server's one graph of the workspace's roads
        Row env = spark.sql("SELECT ST_AsBinary(ST_Envelope_Aggr(geometry)) FROM features WHERE kind = 'road'").first();
        Envelope roadsExtent = env.isNullAt(0) ? wkb((byte[]) units.get(0).get(2)).getEnvelopeInternal()
                : wkb((byte[]) env.get(0)).getEnvelopeInternal();
        int zone = GaussKrugerZone.forArea(roadsExtent).zone();
        stages.put("1 read", (System.nanoTime() - t0) / 1_000_000);
        progress("stage read: %d layers, %d units, margin %.0f m, zone %d (%.1f s)", in.layers(), units.size(), margin,
                zone, (System.nanoTime() - t0) / 1e9);

        // 3. the spatial join: every feature to each unit whose reach it touches
        long t1 = System.nanoTime();
        Dataset<Row> joined = spark.sql("SELECT u.code, f.kind, f.ord, f.fid, ST_AsBinary(f.geometry) AS wkb, f.props "
                + "FROM features f JOIN units u ON ST_Intersects(u.reach, f.geometry)");
        JavaPairRDD<String, FeatureRow> byUnit = joined.javaRDD().mapToPair(r -> new Tuple2<>(r.getString(0),
                new FeatureRow(r.getString(1), r.getLong(2), r.getString(3), (byte[]) r.get(4), r.getString(5))));
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int parallel = Math.max(1, Math.min(units.size(), jsc.defaultParallelism() * 4));
        JavaPairRDD<String, UnitRow> unitRdd = jsc.parallelize(units, parallel).mapToPair(r -> new Tuple2<>(
                r.getString(0), new UnitRow(r.getString(0), r.getString(1), (byte[]) r.get(2))));

        // 4. each unit through the engines, in parallel across units
        EnumSet<LayerKind> kinds = in.kinds();
        JavaRDD<UnitIndicators.Row> rows = unitRdd.cogroup(byUnit, parallel).flatMap(t -> {
            UnitRow u = t._2()._1().iterator().next();
            return onTheTasksCore(() -> computeUnit(u, t._2()._2(), kinds, zone)).iterator();
        });
        List<UnitIndicators.Row> all = new ArrayList<>(rows.collect());
        all.sort(Comparator.comparing(UnitIndicators.Row::unitCode).thenComparing(UnitIndicators.Row::indicator)
                .thenComparing(r -> String.valueOf(r.mode())));
        stages.put("2 join+compute", (System.nanoTime() - t1) / 1_000_000);
        progress("stage join+compute: %d rows from %d units (%.1f s)", all.size(), units.size(),
                (System.nanoTime() - t1) / 1e9);

        // 5. the results, each judged against the target set on the driver (a few rows per unit)
        long t2 = System.nanoTime();
        List<TargetStatus> judged = all.stream().map(r -> TargetStatus.of(targetSets, set, o.year(), r)).toList();
        write(spark, o, all, judged, inputs, computedAt);
        Long runId = o.jdbcUrl() == null ? null : BatchResultTable.write(o, in.workspace(), inputs, tableUnits, all,
                judged, computedAt);
        stages.put("3 write", (System.nanoTime() - t2) / 1_000_000);
        progress("stage write: %s%s (%.1f s)", o.out().resolve("batch_result"),
                o.jdbcUrl() == null ? "" : " and run " + runId + " in batch_result at " + o.jdbcUrl(), (System.nanoTime() - t2) / 1e9);
        return new Outcome(all, judged, stages, units.size(), runId);
    }

    /**
     * One fork-join worker per task thread. The engines split their per-parcel work over the fork-join pool they run
     * in — the whole JVM's common pool when a server request runs them — so a task running them as they are would use
     * every core of the executor while Spark counts it as one, and local[1] would not mean one core (measured: scale-100
     * province, join+compute 204 s at local[1] against 174 s at local[2]). In a pool of one they take the task's core
     * only; the parallelism comes from the units.
     */
    private static final ThreadLocal<java.util.concurrent.ForkJoinPool> TASK_CORE =
            ThreadLocal.withInitial(() -> new java.util.concurrent.ForkJoinPool(1));

    static <T> T onTheTasksCore(java.util.concurrent.Callable<T> work) {
        return TASK_CORE.get().submit(work).join();
    }

    /** A feature as the join hands it to a unit's task. */
    public record FeatureRow(String kind, long ord, String fid, byte[] wkb, String props) implements Serializable {
    }

    /** A unit as its task receives it. */
    public record UnitRow(String code, String name, byte[] wkb) implements Serializable {
    }

    /**
     * One unit's task: its features back to engine features in file order, then every indicator; {@code kinds}
     * are the kinds the inputs have a layer of.
     */
    static List<UnitIndicators.Row> computeUnit(UnitRow u, Iterable<FeatureRow> rows, Set<LayerKind> kinds, int zone) {
        List<FeatureRow> sorted = new ArrayList<>();
        rows.forEach(sorted::add);
        sorted.sort(Comparator.comparingLong(FeatureRow::ord));
        Map<LayerKind, List<Feature>> byKind = new EnumMap<>(LayerKind.class);
        for (FeatureRow f : sorted) {
            LayerKind kind = LayerKind.fromId(f.kind()).orElseThrow();
            byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(new Feature(f.fid(), wkb(f.wkb()),
                    FeatureAttributes.fromJson(f.props())));
        }
        UnitIndicators.Unit unit = new UnitIndicators.Unit(u.code(), u.name(), wkb(u.wkb()));
        return UnitIndicators.compute(unit, byKind, kinds, UnitIndicators.networkOf(
                byKind.getOrDefault(LayerKind.ROAD, List.of()), GaussKrugerZone.of(zone)));
    }

    private record LayerFile(int index, String id, String kind, Path file) {
    }

    /** The features of every input layer, the kinds they are of, their provenance and whose they are. */
    private record Input(Dataset<Row> features, EnumSet<LayerKind> kinds, String inputs, int layers, String workspace) {
    }

    /** The files of {@code --input}: a layers.json manifest and its layers; provenance by sha256. */
    private static Input files(SparkSession spark, Options o) {
        List<LayerFile> layers = manifest(o.input());
        Dataset<Row> features = null;
        EnumSet<LayerKind> kinds = EnumSet.noneOf(LayerKind.class);
        for (LayerFile l : layers) {
            Dataset<Row> d = read(spark, l);
            features = features == null ? d : features.unionByName(d);
            kinds.add(LayerKind.fromId(l.kind()).orElseThrow());
        }
        if (features == null) {
            throw new IllegalArgumentException("layers.json in " + o.input() + " names no layers");
        }
        return new Input(features, kinds, checksums(o.input(), layers), layers.size(), null);
    }

    /**
     * A workspace's current layer versions in PostGIS ({@code --input-jdbc}, {@link PostgisInput}): each layer in
     * parallel id ranges; provenance by layer version. The run belongs to the workspace.
     */
    private static Input postgis(SparkSession spark, Options o) {
        List<PostgisInput.Layer> layers = PostgisInput.layers(o.inputJdbc(), o.jdbcUser(), o.jdbcPassword(), o.workspace());
        int parallelism = spark.sparkContext().defaultParallelism();
        Dataset<Row> features = null;
        EnumSet<LayerKind> kinds = EnumSet.noneOf(LayerKind.class);
        for (PostgisInput.Layer l : layers) {
            Dataset<Row> d = PostgisInput.read(spark, o.inputJdbc(), o.jdbcUser(), o.jdbcPassword(), l, parallelism);
            features = features == null ? d : features.unionByName(d);
            kinds.add(LayerKind.fromId(l.kind()).orElseThrow());
            progress("  layer %s (%s) v%d: %d features in %d id ranges", l.id(), l.kind(), l.version(), l.count(),
                    PostgisInput.ranges(l, parallelism));
        }
        return new Input(features, kinds, PostgisInput.versions(o.workspace(), layers), layers.size(), o.workspace());
    }

    private static List<LayerFile> manifest(Path dir) {
        Path m = dir.resolve("layers.json");
        if (!Files.isRegularFile(m)) {
            throw new IllegalArgumentException("no layers.json in " + dir);
        }
        JsonNode root = JSON.readTree(m.toFile());
        List<LayerFile> out = new ArrayList<>();
        for (JsonNode l : root.path("layers")) {
            String kind = l.path("kind").asString();
            if (LayerKind.fromId(kind).isEmpty()) {
                throw new IllegalArgumentException("layers.json: unknown kind '" + kind + "'; known: " + LayerKind.allIds());
            }
            out.add(new LayerFile(out.size(), l.path("id").asString(), kind, dir.resolve(l.path("file").asString())));
        }
        return out;
    }

    /**
     * One layer file: GeoParquet through Sedona's reader (the format for a province's worth of data: columnar,
     * split across tasks), GeoJSON through the engine's streaming reader on the driver (the demo generator's
     * output; Spark's JSON reader would infer the schema of every file first). The order key puts the layer's
     * index in the high bits and the feature's place in its file in the low ones: the order the server's import
     * keeps (ORDER BY id).
     */
    private static Dataset<Row> read(SparkSession spark, LayerFile l) {
        String name = l.file().getFileName().toString();
        long base = (long) l.index() << 40;
        if (name.endsWith(".parquet")) {
            return spark.read().format("geoparquet").load(l.file().toString())
                    .selectExpr("'" + l.kind() + "' AS kind", "monotonically_increasing_id() + " + base + " AS ord",
                            "CAST(fid AS STRING) AS fid", "geometry", "props");
        }
        List<Row> rows = new ArrayList<>();
        WKBWriter wkb = new WKBWriter();
        try (InputStream in = Files.newInputStream(l.file()); GeoJsonFeatureReader r = new GeoJsonFeatureReader(in)) {
            while (r.hasNext()) {
                GeoJsonFeature f = r.next();
                if (f.geometry() != null) {
                    rows.add(RowFactory.create(l.kind(), base + f.index(), f.id(), wkb.write(f.geometry()),
                            f.properties().toString()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StructType schema = new StructType().add("kind", DataTypes.StringType).add("ord", DataTypes.LongType)
                .add("fid", DataTypes.StringType).add("wkb", DataTypes.BinaryType).add("props", DataTypes.StringType);
        return spark.createDataFrame(rows, schema).selectExpr("kind", "ord", "fid", "ST_GeomFromWKB(wkb) AS geometry",
                "props");
    }

    private static TargetSets targetSets() {
        try {
            return new TargetSets(JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(SparkSession spark, Options o, List<UnitIndicators.Row> rows, List<TargetStatus> targets,
            String inputs, Instant computedAt) {
        StructType schema = new StructType().add("unit_code", DataTypes.StringType).add("unit_name", DataTypes.StringType)
                .add("indicator", DataTypes.StringType).add("mode", DataTypes.StringType)
                .add("value", DataTypes.DoubleType).add("numerator", DataTypes.DoubleType)
                .add("denominator", DataTypes.DoubleType).add("measure", DataTypes.StringType)
                .add("reason", DataTypes.StringType).add("target_set", DataTypes.StringType)
                .add("target_year", DataTypes.IntegerType).add("target_comparator", DataTypes.StringType)
                .add("target_value", DataTypes.DoubleType).add("status", DataTypes.StringType)
                .add("distance_to_target", DataTypes.DoubleType).add("inputs", DataTypes.StringType)
                .add("computed_at", DataTypes.TimestampType);
        List<Row> out = new ArrayList<>();
        Timestamp at = Timestamp.from(computedAt);
        for (int i = 0; i < rows.size(); i++) {
            UnitIndicators.Row r = rows.get(i);
            TargetStatus t = targets.get(i);
            out.add(RowFactory.create(r.unitCode(), r.unitName(), r.indicator(), r.mode(), nullIfNaN(r.value()),
                    nullIfNaN(r.numerator()), nullIfNaN(r.denominator()), r.measure(), r.reason(), t.set(), t.year(),
                    t.comparator(), t.target(), t.status(), t.distance(), inputs, at));
        }
        Dataset<Row> df = spark.createDataFrame(out, schema);
        df.createOrReplaceTempView("results");
        Dataset<Row> geo = spark.sql("SELECT r.*, ST_GeomFromWKB(u.area_wkb) AS geometry FROM results r "
                + "JOIN units u ON u.code = r.unit_code");
        geo.coalesce(1).write().mode(SaveMode.Overwrite).format("geoparquet")
                .save(o.out().resolve("batch_result").toString());
    }

    private static Double nullIfNaN(double v) {
        return Double.isNaN(v) ? null : v;
    }

    /** sha256 of every input file, "layer-id:hex" joined by ", ": the run's provenance in every row. */
    static String checksums(Path dir, List<LayerFile> layers) {
        List<String> parts = new ArrayList<>();
        for (LayerFile l : layers) {
            try (InputStream in = Files.newInputStream(l.file())) {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) {
                    md.update(buf, 0, n);
                }
                parts.add(l.id() + ":" + HexFormat.of().formatHex(md.digest()).substring(0, 16));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.join(", ", parts);
    }

    static Geometry wkb(byte[] bytes) {
        try {
            Geometry g = new WKBReader(GeoJson.WGS84).read(bytes);
            g.setSRID(4326);
            return g;
        } catch (ParseException e) {
            throw new IllegalArgumentException("unreadable WKB", e);
        }
    }

    static void progress(String format, Object... args) {
        System.err.printf("[batch] " + format + "%n", args);
    }
}
